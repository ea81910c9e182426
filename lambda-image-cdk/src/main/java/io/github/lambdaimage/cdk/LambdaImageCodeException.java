package io.github.lambdaimage.cdk;

/**
 * The image cannot be deployed as recorded: no record, never pushed, no or a failed architecture
 * check, an architecture the last build did not build, a repository Lambda cannot pull from. The
 * message names the file or value and says what to do; synthesis stops before anything is deployed.
 */
public class LambdaImageCodeException extends RuntimeException {

  /** A failure described by {@code message}. */
  public LambdaImageCodeException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public LambdaImageCodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
