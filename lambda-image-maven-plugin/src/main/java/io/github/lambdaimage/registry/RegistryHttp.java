package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests of a registry and of its token service, each bounded as a whole: the response
 * headers and all of the body must arrive within the timeout (the JDK's request timeout stops at
 * the headers), so a peer that accepts and never answers, or stalls mid-body, fails the request
 * instead of hanging the build. Failures are {@link TransientRegistryException}s whose message
 * names the peer, the request, what stalled and the setting that raises the limit.
 */
final class RegistryHttp {

  private final HttpClient http;
  private final Duration timeout;

  RegistryHttp(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * Sends {@code request} and reads the whole response.
   *
   * @param peer who answers, for messages, e.g. {@code registry 127.0.0.1:5000}
   * @throws TransientRegistryException when the peer cannot be reached or does not finish in time
   */
  HttpResponse<byte[]> send(HttpRequest request, String peer) {
    AtomicLong bodyBytes = new AtomicLong(-1);
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(
            request,
            info -> {
              bodyBytes.set(0);
              return new CountingSubscriber(BodySubscribers.ofByteArray(), bodyBytes);
            });
    try {
      return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new TransientRegistryException(stalled(request, peer, bodyBytes.get()), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new TransientRegistryException(
            "Cannot reach "
                + peer
                + " ("
                + describe(request)
                + "): "
                + describe(io)
                + ". Check that the registry is running and reachable.",
            io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while talking to " + peer + ".", e);
    }
  }

  private String stalled(HttpRequest request, String peer, long bodyBytes) {
    String what =
        bodyBytes < 0
            ? " did not answer " + describe(request) + " within " + seconds(timeout)
            : " stalled sending the response to "
                + describe(request)
                + ": "
                + bodyBytes
                + " bytes of its body arrived, the rest not within "
                + seconds(timeout);
    return capitalized(peer)
        + what
        + ". Check that the registry is running and reachable; if it is only slow, raise "
        + RegistryClient.TIMEOUT_PROPERTY
        + " (seconds, now "
        + Math.max(1, timeout.toSeconds())
        + ").";
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private static String capitalized(String text) {
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  private static String describe(HttpRequest request) {
    URI uri = request.uri();
    return request.method() + " " + uri;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Passes the body on and counts its bytes, so a timeout can say how far the body came. */
  private static final class CountingSubscriber implements BodySubscriber<byte[]> {

    private final BodySubscriber<byte[]> delegate;
    private final AtomicLong bytes;

    CountingSubscriber(BodySubscriber<byte[]> delegate, AtomicLong bytes) {
      this.delegate = delegate;
      this.bytes = bytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      bytes.addAndGet(items.stream().mapToLong(ByteBuffer::remaining).sum());
      delegate.onNext(items);
    }

    @Override
    public void onError(Throwable throwable) {
      delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }
}
