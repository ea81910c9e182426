package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import java.time.Duration;

/**
 * Bounded retries with exponential backoff for {@link TransientRegistryException}s. Any other
 * failure ends the attempts at once; so does the last attempt, whose failure is rethrown.
 */
public final class RetryPolicy {

  /** One attempt of an operation. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Runs the operation once. */
    T run();
  }

  /** Waits between attempts; tests replace it to run without delays. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps for {@code duration}; throws when interrupted. */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  /**
   * A policy.
   *
   * @param maxAttempts total attempts, at least 1
   * @param initialDelay the delay before the second attempt; it doubles for each further one
   * @param maxDelay the longest delay, also the cap on a server's {@code Retry-After}
   * @param sleeper how to wait
   */
  public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
  }

  /** Four attempts, waiting 1 s, 2 s, 4 s between them. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        duration -> Thread.sleep(duration.toMillis()));
  }

  /** A single attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, duration -> {});
  }

  /** The total number of attempts. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The delay after failed attempt {@code attempt} (1-based): {@code initialDelay * 2^(attempt-1)},
   * at most {@code maxDelay}.
   */
  public Duration delayAfter(int attempt) {
    Duration delay = initialDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return capped(delay);
  }

  private Duration capped(Duration delay) {
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails with a non-transient error, or the attempts are
   * used up.
   *
   * @param description what is attempted, for the log, e.g. {@code push 127.0.0.1:5000/hello:1}
   * @param log where retries are reported
   */
  public <T> T run(String description, Attempt<T> attempt, BuildLog log) {
    for (int number = 1; ; number++) {
      try {
        return attempt.run();
      } catch (TransientRegistryException e) {
        if (number >= maxAttempts) {
          throw e;
        }
        Duration delay = e.retryAfter().map(this::capped).orElse(delayAfter(number));
        log.warn(
            description
                + " failed (attempt "
                + number
                + " of "
                + maxAttempts
                + "): "
                + e.getMessage()
                + " Retrying in "
                + delay.toMillis()
                + " ms.");
        pause(delay, description);
      }
    }
  }

  private void pause(Duration delay, String description) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while waiting to retry " + description + ".", e);
    }
  }
}
