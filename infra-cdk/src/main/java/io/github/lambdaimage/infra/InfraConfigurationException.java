package io.github.lambdaimage.infra;

/**
 * The app cannot be synthesized as configured: a missing or unpushed image, an architecture
 * mismatch, a bad context value. The message says what was wrong, the value, and what to do.
 */
public class InfraConfigurationException extends RuntimeException {

  /** A failure described by {@code message}. */
  public InfraConfigurationException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public InfraConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
