package io.github.lambdaimage.log;

import java.util.function.Supplier;

/** The core's view of the build log; the Maven layer adapts its {@code Log} to this. */
public interface BuildLog {

  void info(String message);

  void warn(String message);

  void debug(String message);

  boolean isDebugEnabled();

  /** Logs at debug level, building the message only when debug is on. */
  default void debug(Supplier<String> message) {
    if (isDebugEnabled()) {
      debug(message.get());
    }
  }

  /** A log that drops everything, for tests. */
  static BuildLog silent() {
    return new BuildLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {}

      @Override
      public boolean isDebugEnabled() {
        return false;
      }
    };
  }
}
