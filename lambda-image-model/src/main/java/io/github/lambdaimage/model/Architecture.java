package io.github.lambdaimage.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CPU architecture a Lambda function can run on, with its three spellings: the Docker/OCI name
 * ({@code amd64}), the platform ({@code linux/amd64}) and Lambda's name ({@code x86_64}).
 *
 * <p>This is the only place those names are mapped; everything else asks this type.
 */
public enum Architecture {
  AMD64("amd64", "x86_64"),
  ARM64("arm64", "arm64");

  /** The architecture used when none is requested: Lambda's own default, never the host's. */
  public static final Architecture DEFAULT = AMD64;

  private final String name;
  private final String lambdaName;

  Architecture(String name, String lambdaName) {
    this.name = name;
    this.lambdaName = lambdaName;
  }

  /** The Docker/OCI name: {@code amd64} or {@code arm64}. */
  public String dockerName() {
    return name;
  }

  /** The Docker platform: {@code linux/amd64} or {@code linux/arm64}. */
  public String platform() {
    return "linux/" + name;
  }

  /** The name Lambda and CloudFormation use: {@code x86_64} or {@code arm64}. */
  public String lambdaName() {
    return lambdaName;
  }

  /**
   * Parses one architecture name. Accepts {@code amd64}, {@code arm64}, their aliases {@code
   * x86_64} and {@code aarch64}, and the platforms {@code linux/amd64}, {@code linux/arm64}; lower
   * case only, since {@code ARM} or {@code X86} usually hide a different intent.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Architecture parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Architecture is empty; accepted values: " + acceptedValues() + ".");
    }
    String trimmed = value.trim();
    String bare = trimmed.startsWith("linux/") ? trimmed.substring("linux/".length()) : trimmed;
    switch (bare) {
      case "amd64":
      case "x86_64":
        return AMD64;
      case "arm64":
      case "aarch64":
        return ARM64;
      default:
        String hint = hint(bare);
        throw new IllegalArgumentException(
            "Unknown architecture '"
                + value
                + "'; accepted values: "
                + acceptedValues()
                + hint
                + (hint.endsWith("?") ? "" : "."));
    }
  }

  /**
   * Parses a comma-separated list such as {@code amd64,arm64}. Order is kept, duplicates (also
   * through aliases) are removed. An empty list or an empty element is rejected.
   *
   * @throws IllegalArgumentException naming the whole value, the bad element and the accepted ones
   */
  public static List<Architecture> parseList(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Architecture list is empty; give one or more of "
              + acceptedValues()
              + ", separated by commas, e.g. amd64,arm64.");
    }
    Set<Architecture> result = new LinkedHashSet<>();
    for (String element : value.split(",", -1)) {
      if (element.isBlank()) {
        throw new IllegalArgumentException(
            "Architecture list '"
                + value
                + "' has an empty element; give one or more of "
                + acceptedValues()
                + ", separated by single commas, e.g. amd64,arm64.");
      }
      try {
        result.add(parse(element));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Architecture list '" + value + "': " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(result));
  }

  /** Maps Lambda's architecture name ({@code x86_64}, {@code arm64}) back to this type. */
  public static Architecture fromLambdaName(String lambdaName) {
    for (Architecture architecture : values()) {
      if (architecture.lambdaName.equals(lambdaName)) {
        return architecture;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Lambda architecture '" + lambdaName + "'; accepted values: x86_64, arm64.");
  }

  /** The accepted spellings, for messages. */
  public static String acceptedValues() {
    return "amd64 (alias x86_64), arm64 (alias aarch64)";
  }

  private static String hint(String bare) {
    String lower = bare.toLowerCase(Locale.ROOT);
    if (!lower.equals(bare)) {
      try {
        return "; did you mean '" + parse(lower).name + "'? Names are lower case";
      } catch (IllegalArgumentException notAnAlias) {
        // fall through to the generic hint
      }
    }
    if (lower.startsWith("arm") || lower.startsWith("aarch")) {
      return "; did you mean 'arm64'?";
    }
    if (lower.startsWith("x86") || lower.startsWith("amd") || lower.startsWith("x64")) {
      return "; did you mean 'amd64'?";
    }
    return "";
  }

  /** The Docker names of the given architectures, comma-separated, e.g. {@code amd64,arm64}. */
  public static String join(List<Architecture> architectures) {
    return architectures.stream().map(Architecture::dockerName).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return name;
  }

  /** All architectures, in declaration order. */
  public static List<Architecture> all() {
    return List.copyOf(Arrays.asList(values()));
  }
}
