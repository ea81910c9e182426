package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;

/**
 * The Docker Engine could not be found or did not answer; the message says which and what to do.
 */
public class EngineUnreachableException extends EnvironmentException {

  /**
   * @param message the complete user-facing message
   * @param cause the underlying failure, or {@code null}
   */
  public EngineUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
