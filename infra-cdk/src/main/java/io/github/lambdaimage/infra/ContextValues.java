package io.github.lambdaimage.infra;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.constructs.Node;

/**
 * Typed reads of CDK context values. Values arrive as strings from {@code -c key=value} and the
 * Maven plugin, or as JSON numbers and booleans from {@code cdk.json}; both are accepted.
 */
public final class ContextValues {

  private final Function<String, Object> lookup;

  private ContextValues(Function<String, Object> lookup) {
    this.lookup = lookup;
  }

  /** The context of a construct tree, e.g. the app's node. */
  public static ContextValues of(Node node) {
    return new ContextValues(node::tryGetContext);
  }

  /** Context given as a map, for tests of logic that needs no construct tree. */
  public static ContextValues of(Map<String, ?> values) {
    return new ContextValues(values::get);
  }

  /** The trimmed value of {@code key}; empty when absent or blank. */
  public Optional<String> string(String key) {
    Object value = lookup.apply(key);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.toString().trim());
  }

  /** The value of {@code key} as a whole number in {@code [min, max]}, or {@code fallback}. */
  public int integer(String key, int fallback, int min, int max) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the accepted range
    }
    throw new InfraConfigurationException(
        "Context "
            + key
            + "='"
            + text.get()
            + "' is not a whole number from "
            + min
            + " to "
            + max
            + "; pass e.g. -c "
            + key
            + "="
            + fallback
            + ".");
  }

  /** The value of {@code key} as {@code true} or {@code false}, or {@code fallback}. */
  public boolean bool(String key, boolean fallback) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return fallback;
    }
    switch (text.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new InfraConfigurationException(
            "Context " + key + "='" + text.get() + "' is not a boolean; use true or false.");
    }
  }
}
