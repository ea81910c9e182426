package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;

/** The engine does not have the image a container was to be created from. */
public class NoSuchImageException extends EnvironmentException {

  /**
   * @param message the engine's message
   */
  public NoSuchImageException(String message) {
    super(message);
  }
}
