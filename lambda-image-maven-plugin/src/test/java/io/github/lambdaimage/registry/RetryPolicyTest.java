package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.RecordingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3), sleeps::add);
  private final RecordingLog log = new RecordingLog();

  @Test
  void retriesTransientFailuresWithDoublingDelaysCappedAtTheMaximum() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        policy.run(
            "push x",
            () -> {
              if (calls.incrementAndGet() < 4) {
                throw new TransientRegistryException("HTTP 503.", null);
              }
              return "done";
            },
            log);

    assertThat(result).isEqualTo("done");
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(log.warnings())
        .containsExactly(
            "push x failed (attempt 1 of 4): HTTP 503. Retrying in 1000 ms.",
            "push x failed (attempt 2 of 4): HTTP 503. Retrying in 2000 ms.",
            "push x failed (attempt 3 of 4): HTTP 503. Retrying in 3000 ms.");
  }

  @Test
  void rethrowsTheLastTransientFailureWhenAttemptsAreUsedUp() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy.run(
                    "push x",
                    () -> {
                      throw new TransientRegistryException(
                          "failure " + calls.incrementAndGet(), null);
                    },
                    log))
        .isInstanceOf(TransientRegistryException.class)
        .hasMessage("failure 4");
    assertThat(calls).hasValue(4);
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void doesNotRetryOtherFailures() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy.run(
                    "push x",
                    () -> {
                      calls.incrementAndGet();
                      throw new EnvironmentException("denied");
                    },
                    log))
        .hasMessage("denied");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void honoursRetryAfterUpToTheMaximumDelay() {
    AtomicInteger calls = new AtomicInteger();

    policy.run(
        "pull",
        () -> {
          int call = calls.incrementAndGet();
          if (call == 1) {
            throw new TransientRegistryException("429", null, Duration.ofMillis(1500));
          }
          if (call == 2) {
            throw new TransientRegistryException("429", null, Duration.ofSeconds(60));
          }
          return call;
        },
        log);

    assertThat(sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(3));
  }

  @Test
  void delaysGrowExponentially() {
    RetryPolicy standard = RetryPolicy.standard();

    assertThat(standard.maxAttempts()).isEqualTo(4);
    assertThat(List.of(standard.delayAfter(1), standard.delayAfter(2), standard.delayAfter(3)))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(standard.delayAfter(10)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void interruptionStopsRetryingAndKeepsTheFlag() {
    RetryPolicy interrupted =
        new RetryPolicy(
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            d -> {
              throw new InterruptedException();
            });
    try {
      assertThatThrownBy(
              () ->
                  interrupted.run(
                      "push x",
                      () -> {
                        throw new TransientRegistryException("reset", null);
                      },
                      log))
          .isInstanceOf(EnvironmentException.class)
          .hasMessage("Interrupted while waiting to retry push x.");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void rejectsZeroAttempts() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1: 0");
  }
}
