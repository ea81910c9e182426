package io.github.lambdaimage.log;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The build log as the plugins' Maven-free code sees it. Each plugin's Maven layer adapts Maven's
 * log with {@link #of}.
 */
public interface BuildLog {

  /** Logs progress and tool output. */
  void info(String message);

  /** Logs something the user should look at. */
  void warn(String message);

  /** Logs detail useful when diagnosing. */
  void debug(String message);

  /** Whether {@link #debug(String)} messages are shown. */
  boolean isDebugEnabled();

  /** Logs at debug level, building the message only when debug is on. */
  default void debug(Supplier<String> message) {
    if (isDebugEnabled()) {
      debug(message.get());
    }
  }

  /** A log that hands each level to the given sink, e.g. {@code of(log::info, log::warn, …)}. */
  static BuildLog of(
      Consumer<String> info,
      Consumer<String> warn,
      Consumer<String> debug,
      BooleanSupplier debugEnabled) {
    return new BuildLog() {
      @Override
      public void info(String message) {
        info.accept(message);
      }

      @Override
      public void warn(String message) {
        warn.accept(message);
      }

      @Override
      public void debug(String message) {
        debug.accept(message);
      }

      @Override
      public boolean isDebugEnabled() {
        return debugEnabled.getAsBoolean();
      }
    };
  }

  /** A log that drops everything, for tests. */
  static BuildLog silent() {
    return of(message -> {}, message -> {}, message -> {}, () -> false);
  }
}
