package io.github.lambdaimage.cdk.process;

import io.github.lambdaimage.process.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the lines that explain a failed tool run from its output, so the build failure can quote
 * them: lines that read like errors on standard error, else on standard output, else the last lines
 * written. Stack-trace frames and decoration are left out.
 */
public final class ErrorLines {

  /** At most this many lines are quoted. */
  public static final int MAX_LINES = 15;

  private static final int FALLBACK_LINES = 5;

  private static final Pattern ERROR =
      Pattern.compile(
          "❌|\\b(Error|ERROR|error|Exception|failed|Failed|FAILED|Unable to|unable to|Cannot|cannot"
              + "|Could not|could not|denied|not found|Need to perform AWS calls)\\b");

  private static final Pattern NOISE = Pattern.compile("^\\s+at |^\\s*!!|^\\s*$|^\\s*\\.\\.\\.");

  private ErrorLines() {}

  /**
   * The explaining lines of a failed run, at most {@link #MAX_LINES}; never empty if any output.
   */
  public static List<String> of(ProcessResult result) {
    List<String> errors = matching(result.stderr());
    if (errors.isEmpty()) {
      errors = matching(result.stdout());
    }
    if (errors.isEmpty()) {
      errors = lastLines(result.stderr().isEmpty() ? result.stdout() : result.stderr());
    }
    return errors.size() > MAX_LINES
        ? errors.subList(errors.size() - MAX_LINES, errors.size())
        : errors;
  }

  private static List<String> matching(List<String> lines) {
    List<String> matching = new ArrayList<>();
    for (String line : lines) {
      if (!NOISE.matcher(line).find() && ERROR.matcher(line).find()) {
        matching.add(line.strip());
      }
    }
    return matching;
  }

  private static List<String> lastLines(List<String> lines) {
    List<String> meaningful = new ArrayList<>();
    for (String line : lines) {
      if (!NOISE.matcher(line).find()) {
        meaningful.add(line.strip());
      }
    }
    int from = Math.max(0, meaningful.size() - FALLBACK_LINES);
    return meaningful.subList(from, meaningful.size());
  }
}
