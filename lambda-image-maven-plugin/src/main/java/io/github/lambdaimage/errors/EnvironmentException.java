package io.github.lambdaimage.errors;

/**
 * Something outside the configuration failed: the Docker Engine, a registry, the network, the
 * image's own code. The message names the component and what to check.
 */
public class EnvironmentException extends LambdaImageException {

  public EnvironmentException(String message) {
    super(message);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
