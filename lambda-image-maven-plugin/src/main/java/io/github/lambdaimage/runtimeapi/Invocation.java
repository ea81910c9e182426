package io.github.lambdaimage.runtimeapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One submitted invocation: queued until the runtime asks for it, then in flight until the runtime
 * answers or the deadline passes. Its {@link #outcome()} completes exactly once.
 */
public final class Invocation {
  private final String requestId;
  private final InvocationRequest request;
  private final CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();
  private volatile Instant deliveredAt;

  Invocation(String requestId, InvocationRequest request) {
    this.requestId = requestId;
    this.request = request;
  }

  /** The request id sent as {@code Lambda-Runtime-Aws-Request-Id}. */
  public String requestId() {
    return requestId;
  }

  /** What was submitted. */
  public InvocationRequest request() {
    return request;
  }

  /** When the runtime received the event through {@code /next}; empty while still queued. */
  public Optional<Instant> deliveredAt() {
    return Optional.ofNullable(deliveredAt);
  }

  /**
   * Completes with the outcome. The returned future is a copy: completing or cancelling it does not
   * affect the invocation.
   */
  public CompletableFuture<InvocationOutcome> outcome() {
    return outcome.copy();
  }

  /**
   * Waits for the outcome.
   *
   * @param maxWait how long to wait at most
   * @return the outcome, or empty when none arrived within {@code maxWait}
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<InvocationOutcome> awaitOutcome(Duration maxWait) throws InterruptedException {
    try {
      return Optional.of(outcome.get(maxWait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException notYet) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Invocation " + requestId + " failed internally", e);
    }
  }

  /** True once an outcome is recorded. */
  public boolean isDone() {
    return outcome.isDone();
  }

  void markDelivered(Instant at) {
    deliveredAt = at;
  }

  void markQueuedAgain() {
    deliveredAt = null;
  }

  Duration sinceDelivery(Instant now) {
    Instant start = deliveredAt;
    return start == null ? Duration.ZERO : Duration.between(start, now);
  }

  boolean complete(InvocationOutcome result) {
    return outcome.complete(result);
  }
}
