package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;
import java.time.Duration;

/** The engine sent nothing for longer than the idle limit; the message names what stalled. */
public class EngineTimeoutException extends EnvironmentException {

  /** The property that raises the limit. */
  public static final String SETTING = "lambda.engineTimeout";

  /**
   * @param endpoint the engine address
   * @param what the request that stalled, e.g. {@code build hello:1.0-arm64 for linux/arm64}
   * @param limit the idle limit
   */
  public EngineTimeoutException(String endpoint, String what, Duration limit) {
    super(
        "The Docker Engine at "
            + endpoint
            + " sent nothing for "
            + limit.toSeconds()
            + " s when asked to "
            + what
            + ". Check that it is responsive (docker info); if it is just slow (a build step that"
            + " prints nothing for long), raise the limit with -D"
            + SETTING
            + "=<seconds>.");
  }
}
