package io.github.lambdaimage.docker.dockerjava;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;
import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineTimeoutException;
import io.github.lambdaimage.docker.ProgressMessage;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * docker-java's streamed answers (build, pull, push), waited for as long as the engine keeps
 * sending: a stream silent for the idle limit is closed and fails with {@link
 * EngineTimeoutException}.
 */
final class Streams {

  private final EngineEndpoint endpoint;
  private final Duration idleLimit;

  Streams(EngineEndpoint endpoint, Duration idleLimit) {
    this.endpoint = endpoint;
    this.idleLimit = idleLimit;
  }

  /** A callback handing each item to {@code handler} and noting the activity. */
  <T> Active<T> activity(Consumer<T> handler) {
    return new Active<>(handler);
  }

  /** A callback turning pull and push items into {@link ProgressMessage}s. */
  <T extends ResponseItem> Active<T> progress(Consumer<ProgressMessage> handler) {
    return new Active<>(
        item -> {
          ResponseItem.ProgressDetail detail = item.getProgressDetail();
          String error =
              !item.isErrorIndicated()
                  ? null
                  : item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                      ? item.getErrorDetail().getMessage()
                      : item.getError();
          handler.accept(
              new ProgressMessage(
                  item.getId(),
                  item.getStatus(),
                  detail == null ? null : detail.getCurrent(),
                  detail == null ? null : detail.getTotal(),
                  item.getStream(),
                  item.getAux() == null ? null : item.getAux().getDigest(),
                  error));
        });
  }

  /**
   * Waits until {@code callback}'s stream ends, rethrowing its error.
   *
   * @param what the request, for a timeout's message, e.g. {@code push x:1}
   */
  void await(ResultCallback<?> callback, String what) {
    Active<?> active = (Active<?>) callback;
    try {
      // not awaitCompletion(timeout): docker-java closes the stream when that wait times out
      while (!active.done.await(1, TimeUnit.SECONDS)) {
        if (System.nanoTime() - active.lastActivity > idleLimit.toNanos()) {
          try {
            active.close();
          } catch (IOException e) {
            // closing is all that was wanted
          }
          throw new EngineTimeoutException(endpoint.host(), what, idleLimit);
        }
      }
      active.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while waiting for the engine to " + what, e);
    }
  }

  /** Notes when the engine last sent something. */
  static final class Active<T> extends ResultCallback.Adapter<T> {
    private final Consumer<T> handler;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long lastActivity = System.nanoTime();

    Active(Consumer<T> handler) {
      this.handler = handler;
    }

    @Override
    public void onNext(T item) {
      lastActivity = System.nanoTime();
      handler.accept(item);
    }

    @Override
    public void onError(Throwable throwable) {
      super.onError(throwable);
      done.countDown();
    }

    @Override
    public void onComplete() {
      super.onComplete();
      done.countDown();
    }
  }
}
