package io.github.lambdaimage.cdk;

/** The core's view of the build log; the Maven layer adapts its {@code Log} to this. */
public interface CdkLog {

  /** Logs progress and tool output. */
  void info(String message);

  /** Logs something the user should look at. */
  void warn(String message);

  /** Logs detail useful when diagnosing. */
  void debug(String message);
}
