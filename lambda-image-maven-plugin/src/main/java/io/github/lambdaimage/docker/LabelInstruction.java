package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Image labels as one Dockerfile {@code LABEL} instruction. The classic builder turns the build
 * API's {@code labels} parameter into one build step per label (about half a second each here); a
 * single instruction is one step.
 */
public final class LabelInstruction {

  private LabelInstruction() {}

  /**
   * The instruction on one line, preceded by a line break and ending with one, or an empty string
   * for no labels. Keys and values are double-quoted with backslash, quote and dollar sign escaped,
   * so no variable is substituted.
   *
   * @throws InvalidConfigurationException when a key or value contains a line break
   */
  public static String of(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder instruction = new StringBuilder("\nLABEL");
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      instruction
          .append(' ')
          .append(quote(label.getKey(), label))
          .append('=')
          .append(quote(label.getValue(), label));
    }
    return instruction.append('\n').toString();
  }

  private static String quote(String text, Map.Entry<String, String> label) {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new InvalidConfigurationException(
          "Image label "
              + label.getKey().replace("\n", "\\n")
              + " has a line break in '"
              + text.replace("\n", "\\n").replace("\r", "\\r")
              + "'; give a single-line value.");
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
  }
}
