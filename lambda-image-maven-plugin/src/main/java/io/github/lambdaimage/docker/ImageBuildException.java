package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;

/** The engine could not build the image; the message names the failing step and its output. */
public class ImageBuildException extends EnvironmentException {

  /**
   * @param message the complete user-facing message
   * @param cause the underlying failure, or {@code null}
   */
  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
