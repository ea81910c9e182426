package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away on its own: a dropped connection, a timeout, HTTP 5xx or 429. {@link
 * RetryPolicy} retries these; anything else fails at once.
 */
public class TransientRegistryException extends EnvironmentException {

  private final transient Duration retryAfter;

  /** A transient failure without a server-suggested delay. */
  public TransientRegistryException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * A transient failure.
   *
   * @param retryAfter the delay the server asked for ({@code Retry-After}), or {@code null}
   */
  public TransientRegistryException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The delay the server asked for, if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
