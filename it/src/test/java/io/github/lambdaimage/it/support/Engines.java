package io.github.lambdaimage.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engines of the test environment as {@code scripts/engines.sh} lists them (default engine,
 * Docker with the containerd image store, Podman, docker-remote), and plain Engine API requests to
 * any of them.
 */
public final class Engines {

  private Engines() {}

  /**
   * One listed engine.
   *
   * @param name e.g. {@code docker-20.10}, {@code docker-26-containerd}, {@code podman-5}
   * @param dockerHost its {@code DOCKER_HOST} URI
   * @param hostAddress this host's address as the engine reaches it, or {@code null} when it shares
   *     this host's network
   */
  public record Engine(String name, String dockerHost, String hostAddress) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What an Engine API request answered. */
  public record Response(int status, String body) {}

  /** Every engine {@code scripts/engines.sh} prints, in its order. */
  public static List<Engine> listed() {
    String script = System.getProperty("it.engines");
    if (script == null) {
      throw new IllegalStateException("System property it.engines is not set; run through ./mvnw");
    }
    try {
      Process process =
          new ProcessBuilder("bash", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(script + " failed; run scripts/env-up.sh");
      }
      List<Engine> engines = new ArrayList<>();
      for (String line : output.strip().split("\n")) {
        String[] fields = line.strip().split("\\s+");
        engines.add(new Engine(fields[0], fields[1], fields.length > 2 ? fields[2] : null));
      }
      return engines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing engines", e);
    }
  }

  /**
   * The listed engine called {@code name}.
   *
   * @throws IllegalStateException naming the engines that are listed, when it is not
   */
  public static Engine named(String name) {
    List<Engine> engines = listed();
    return engines.stream()
        .filter(engine -> engine.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "scripts/engines.sh lists "
                        + engines
                        + ", not "
                        + name
                        + "; run scripts/env-up.sh without --default-engine-only"));
  }

  /** {@code GET path} on the engine at {@code dockerHost} (unix:// or tcp://), over HTTP/1.0. */
  public static Response get(String dockerHost, String path) {
    URI uri = URI.create(dockerHost);
    SocketAddress address =
        switch (uri.getScheme()) {
          case "unix" -> UnixDomainSocketAddress.of(Paths.get(uri.getPath()));
          case "tcp" -> new InetSocketAddress(uri.getHost(), uri.getPort());
          default -> throw new IllegalArgumentException("Unsupported engine URI " + dockerHost);
        };
    try (SocketChannel channel = SocketChannel.open(address)) {
      String request = "GET " + path + " HTTP/1.0\r\nHost: engine\r\nConnection: close\r\n\r\n";
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) >= 0) {
        received.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      String response = received.toString(StandardCharsets.UTF_8);
      int headerEnd = response.indexOf("\r\n\r\n");
      int status = Integer.parseInt(response.split(" ", 3)[1]);
      return new Response(status, headerEnd < 0 ? "" : response.substring(headerEnd + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("Engine at " + dockerHost + " unreachable", e);
    }
  }
}
