package io.github.lambdaimage.cdk.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node.js version as {@code node --version} prints it ({@code v20.20.2}).
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 */
public record NodeVersion(int major, int minor, int patch) implements Comparable<NodeVersion> {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?");

  /** Parses {@code v20.20.2} or {@code 20.20.2}; empty when the text is not a version. */
  public static Optional<NodeVersion> parse(String text) {
    Matcher matcher = VERSION.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new NodeVersion(
            Integer.parseInt(matcher.group(1)),
            Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3))));
  }

  @Override
  public int compareTo(NodeVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }
}
