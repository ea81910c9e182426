package io.github.lambdaimage.cdk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of npm's semver range syntax that {@code engines.node} fields use: alternatives joined
 * by {@code ||}, each a space-separated list of comparators {@code >=}, {@code >}, {@code <=},
 * {@code <}, {@code =}, {@code ^}, {@code ~} or a bare, possibly partial version ({@code 18},
 * {@code 18.x}).
 */
public final class NodeVersionRange {

  private static final Pattern COMPARATOR =
      Pattern.compile("(>=|<=|>|<|=|\\^|~)?v?(\\d+)(?:\\.(\\d+|x|\\*))?(?:\\.(\\d+|x|\\*))?");

  private final String text;
  private final List<List<Predicate<NodeVersion>>> alternatives;

  private NodeVersionRange(String text, List<List<Predicate<NodeVersion>>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /** Parses {@code text}; empty when it uses syntax outside the supported part. */
  public static Optional<NodeVersionRange> parse(String text) {
    List<List<Predicate<NodeVersion>>> alternatives = new ArrayList<>();
    for (String alternative : text.split("\\|\\|")) {
      List<Predicate<NodeVersion>> comparators = new ArrayList<>();
      String normalized = alternative.trim().replaceAll("(>=|<=|>|<|=|\\^|~)\\s+", "$1");
      if (normalized.isEmpty() || normalized.equals("*")) {
        comparators.add(version -> true);
      } else {
        for (String token : normalized.split("\\s+")) {
          Optional<Predicate<NodeVersion>> comparator = comparator(token);
          if (comparator.isEmpty()) {
            return Optional.empty();
          }
          comparators.add(comparator.get());
        }
      }
      alternatives.add(comparators);
    }
    return Optional.of(new NodeVersionRange(text.trim(), alternatives));
  }

  /** True when {@code version} satisfies the range. */
  public boolean includes(NodeVersion version) {
    return alternatives.stream()
        .anyMatch(comparators -> comparators.stream().allMatch(c -> c.test(version)));
  }

  @Override
  public String toString() {
    return text;
  }

  private static Optional<Predicate<NodeVersion>> comparator(String token) {
    Matcher matcher = COMPARATOR.matcher(token);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String operator = matcher.group(1) == null ? "" : matcher.group(1);
    int major = Integer.parseInt(matcher.group(2));
    Integer minor = number(matcher.group(3));
    Integer patch = number(matcher.group(4));
    NodeVersion low = new NodeVersion(major, minor == null ? 0 : minor, patch == null ? 0 : patch);
    NodeVersion nextMajor = new NodeVersion(major + 1, 0, 0);
    NodeVersion partialCeiling =
        minor == null ? nextMajor : patch == null ? new NodeVersion(major, minor + 1, 0) : null;
    switch (operator) {
      case ">=":
        return Optional.of(v -> v.compareTo(low) >= 0);
      case ">":
        return Optional.of(
            v -> partialCeiling == null ? v.compareTo(low) > 0 : v.compareTo(partialCeiling) >= 0);
      case "<=":
        return Optional.of(
            v -> partialCeiling == null ? v.compareTo(low) <= 0 : v.compareTo(partialCeiling) < 0);
      case "<":
        return Optional.of(v -> v.compareTo(low) < 0);
      case "^":
        return Optional.of(v -> v.compareTo(low) >= 0 && v.compareTo(nextMajor) < 0);
      case "~":
        NodeVersion tildeCeiling = minor == null ? nextMajor : new NodeVersion(major, minor + 1, 0);
        return Optional.of(v -> v.compareTo(low) >= 0 && v.compareTo(tildeCeiling) < 0);
      default:
        return Optional.of(
            v ->
                partialCeiling == null
                    ? v.equals(low)
                    : v.compareTo(low) >= 0 && v.compareTo(partialCeiling) < 0);
    }
  }

  private static Integer number(String part) {
    return part == null || part.equals("x") || part.equals("*") ? null : Integer.valueOf(part);
  }
}
