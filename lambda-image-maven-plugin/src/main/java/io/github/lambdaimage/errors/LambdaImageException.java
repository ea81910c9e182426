package io.github.lambdaimage.errors;

/**
 * Base of every failure the plugin's core reports. Messages are complete sentences for the user:
 * what was wrong, the value, and what to do. The Maven layer maps {@link
 * InvalidConfigurationException} to a build failure and {@link EnvironmentException} to an
 * execution error.
 */
public abstract class LambdaImageException extends RuntimeException {

  protected LambdaImageException(String message) {
    super(message);
  }

  protected LambdaImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
