package io.github.lambdaimage.errors;

import io.github.lambdaimage.goal.GoalFailure;

/**
 * Base of every failure the plugin's core reports. Messages are complete sentences for the user:
 * what was wrong, the value, and what to do. The Maven layer maps {@link
 * InvalidConfigurationException} to a build failure and {@link EnvironmentException} to an
 * execution error.
 */
public abstract class LambdaImageException extends RuntimeException implements GoalFailure {

  protected LambdaImageException(String message) {
    super(message);
  }

  protected LambdaImageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Environment faults by default; a configuration mistake is the project's to fix. */
  @Override
  public boolean isBuildFailure() {
    return false;
  }
}
