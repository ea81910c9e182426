package io.github.lambdaimage.errors;

/**
 * The user's input is wrong: a bad property value, an unknown template placeholder, a base image
 * without the requested platform. Fixing the configuration fixes the build.
 */
public class InvalidConfigurationException extends LambdaImageException {

  public InvalidConfigurationException(String message) {
    super(message);
  }

  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isBuildFailure() {
    return true;
  }
}
