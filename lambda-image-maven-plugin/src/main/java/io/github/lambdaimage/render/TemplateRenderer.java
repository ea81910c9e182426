package io.github.lambdaimage.render;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code @name@} placeholders in a {@link Template}. Only {@code @} + letters, digits,
 * {@code _ . -} + {@code @} is a placeholder, so {@code repo@sha256:…}, e-mail addresses and
 * Dockerfile variables ({@code ${VAR}}, {@code $VAR}) pass through untouched. Unknown names, values
 * with line breaks and values that end their line with {@code \\} (a line continuation) are errors:
 * a value can never add an instruction.
 */
public final class TemplateRenderer {

  /** The placeholder syntax: {@code @name@}. */
  public static final Pattern PLACEHOLDER = Pattern.compile("@([A-Za-z0-9_.-]+)@");

  private TemplateRenderer() {}

  /**
   * Renders {@code template} with {@code values}. The result uses {@code \n} line breaks and is the
   * same string for the same inputs.
   *
   * @throws InvalidConfigurationException for an unknown placeholder (naming the template, line,
   *     and known names) or a value containing a line break
   */
  public static String render(Template template, Map<String, String> values) {
    String text = template.text();
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new InvalidConfigurationException(
            "Unknown placeholder @"
                + name
                + "@ at "
                + location(template, matcher.start())
                + ". Known placeholders: "
                + String.join(", ", new TreeSet<>(values.keySet()))
                + ". Fix the name, or define the property "
                + name
                + " in the POM.");
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new InvalidConfigurationException(
            "The value of placeholder @"
                + name
                + "@ at "
                + location(template, matcher.start())
                + " contains a line break, which would add Dockerfile instructions: '"
                + value.replace("\r", "\\r").replace("\n", "\\n")
                + "'. Give a single-line value.");
      }
      if (continuesTheLine(value, text, matcher.end())) {
        throw new InvalidConfigurationException(
            "The value of placeholder @"
                + name
                + "@ at "
                + location(template, matcher.start())
                + " ends its line with a backslash, which would continue the instruction into the"
                + " next line: '"
                + value
                + "'. Remove the trailing backslash.");
      }
      out.append(text, last, matcher.start()).append(value);
      last = matcher.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** True when {@code value} ends with {@code \\} and only blanks follow it on its line. */
  private static boolean continuesTheLine(String value, String text, int end) {
    if (!value.stripTrailing().endsWith("\\")) {
      return false;
    }
    int lineEnd = text.indexOf('\n', end);
    return text.substring(end, lineEnd < 0 ? text.length() : lineEnd).isBlank();
  }

  private static String location(Template template, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (template.text().charAt(i) == '\n') {
        line++;
      }
    }
    return template.name() + ":" + line;
  }
}
