package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.log.RecordingLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected on loopback: a registry that accepts connections and never answers, one that
 * stalls in the middle of a response body, and a token service that never answers. Each request
 * ends within its limit with a message naming what stalled and the setting that raises the limit.
 */
class StalledRegistryTest {

  private static final Duration LIMIT = Duration.ofSeconds(1);

  private final RecordingLog log = new RecordingLog();
  private final List<Socket> accepted = new ArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    released.countDown();
    for (Socket socket : accepted) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A loopback peer that reads requests and answers each with {@code answer}, or never. */
  private String peer(byte[] answer) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  synchronized (accepted) {
                    accepted.add(socket);
                  }
                  if (answer != null) {
                    OutputStream out = socket.getOutputStream();
                    out.write(answer);
                    out.flush();
                  }
                } catch (IOException closed) {
                  return;
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
    return "127.0.0.1:" + server.getLocalPort();
  }

  private RegistryClient client(RegistryCredentialProvider credentials) {
    return new RegistryClient(
        RegistryClient.defaultHttpClient(), credentials, RetryPolicy.none(), LIMIT, log);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads {@code registry}'s {@code app:1} and expects {@code message} within the limit. */
  private void assertReadFailsWithinTheLimit(String registry, String message) {
    ImageReference reference = ImageReference.parse(registry + "/app:1");
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(RegistryCredentialProvider.anonymous()).getManifest(reference))
        .isInstanceOf(TransientRegistryException.class)
        .hasMessage(message);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void registryThatAcceptsAndNeverAnswersFailsWithinTheLimit() {
    String registry = peer(null);

    assertReadFailsWithinTheLimit(
        registry,
        "Registry "
            + registry
            + " did not answer GET http://"
            + registry
            + "/v2/app/manifests/1 within 1 s. Check that the registry is running and"
            + " reachable; if it is only slow, raise lambda.registry.timeout (seconds, now"
            + " 1).");
  }

  @Test
  void registryThatStallsMidBodyFailsWithinTheLimitSayingHowFarTheBodyCame() {
    String registry =
        peer(
            ascii(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"schemaVe"));

    assertReadFailsWithinTheLimit(
        registry,
        "Registry "
            + registry
            + " stalled sending the response to GET http://"
            + registry
            + "/v2/app/manifests/1: 10 bytes of its body arrived, the rest not within 1 s."
            + " Check that the registry is running and reachable; if it is only slow, raise"
            + " lambda.registry.timeout (seconds, now 1).");
  }

  @Test
  void tokenServiceThatNeverAnswersFailsWithinTheLimitNamingIt() throws IOException {
    String tokenService = peer(null);
    try (ServerSocket registrySocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String registry = "127.0.0.1:" + registrySocket.getLocalPort();
      Thread challenger =
          new Thread(
              () -> {
                try (Socket socket = registrySocket.accept()) {
                  socket
                      .getOutputStream()
                      .write(
                          ascii(
                              "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"http://"
                                  + tokenService
                                  + "/token\",service=\"r\"\r\nContent-Length: 0\r\n\r\n"));
                  released.await();
                } catch (IOException | InterruptedException ignored) {
                  // the test is over
                }
              });
      challenger.setDaemon(true);
      challenger.start();
      ImageReference reference = ImageReference.parse(registry + "/app:1");
      RegistryClient client =
          client(host -> Optional.of(RegistryCredentials.basic("u", "p", "test")));
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.getManifest(reference))
          .isInstanceOf(TransientRegistryException.class)
          .hasMessageStartingWith(
              "The token service of registry "
                  + registry
                  + " did not answer GET http://"
                  + tokenService
                  + "/token?scope=repository%3Aapp%3Apull&service=r within 1 s.")
          .hasMessageEndingWith("raise lambda.registry.timeout (seconds, now 1).");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
