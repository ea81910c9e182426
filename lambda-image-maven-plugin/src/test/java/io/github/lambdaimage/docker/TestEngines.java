package io.github.lambdaimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.lambdaimage.docker.dockerjava.DockerJavaEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engines the integration tests run against: the default one (DOCKER_HOST, the Docker context,
 * the default socket), and every engine on this host that {@code scripts/engines.sh} lists ({@code
 * <name> <URI>} per line) and that answers, when the script exists.
 */
public final class TestEngines {

  /** An engine of the test environment. */
  public record Named(String name, EngineEndpoint endpoint) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Duration IDLE_LIMIT = Duration.ofSeconds(120);

  private TestEngines() {}

  /** The default engine's endpoint. */
  public static EngineEndpoint defaultEndpoint() {
    return EngineEndpointResolver.fromSystem().resolve();
  }

  /** The plain client of the default engine. */
  public static PlainDockerEngine plain() {
    return plain(defaultEndpoint());
  }

  /** The plain client of {@code endpoint}. */
  public static PlainDockerEngine plain(EngineEndpoint endpoint) {
    return new PlainDockerEngine(endpoint, IDLE_LIMIT);
  }

  /** docker-java, forced on {@code endpoint} even where the plain client would serve it. */
  public static DockerJavaEngine dockerJava(EngineEndpoint endpoint) {
    return DockerJavaEngine.connect(endpoint, IDLE_LIMIT);
  }

  /**
   * An engine that does not share this host's network, as {@code scripts/engines.sh} lists it.
   *
   * @param hostAddress this host's address as that engine reaches it
   */
  public record Remote(String name, EngineEndpoint endpoint, String hostAddress) {}

  /** A raw docker-java client of the default engine, for test fixtures. */
  public static DockerClient dockerJavaClient() {
    return dockerJavaClient(defaultEndpoint());
  }

  /** A raw docker-java client of {@code endpoint}, for test fixtures. */
  public static DockerClient dockerJavaClient(EngineEndpoint endpoint) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint.host())
            .build();
    return DockerClientImpl.getInstance(
        config,
        new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(endpoint.host())).build());
  }

  /** Closes a client of {@link #dockerJavaClient()}. */
  public static void close(DockerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The engines of {@code scripts/engines.sh} (system property {@code lambda.test.enginesScript})
   * that answer; the default engine when there is no script or none answers.
   */
  public static List<Named> all() {
    List<Named> engines = new ArrayList<>();
    String script = System.getProperty("lambda.test.enginesScript");
    if (script != null && Files.isRegularFile(Path.of(script))) {
      for (String line : run(script)) {
        String[] parts = line.strip().split("\\s+");
        // a third field is the host's address as a remote engine sees it: 127.0.0.1 is not this
        // host there, so the tests' loopback registry and Runtime API are out of its reach
        if (parts.length == 2) {
          EngineEndpoint endpoint = new EngineEndpoint(parts[1], "scripts/engines.sh", null);
          if (answers(endpoint)) {
            engines.add(new Named(parts[0], endpoint));
          }
        }
      }
    }
    if (engines.isEmpty()) {
      engines.add(new Named("default", defaultEndpoint()));
    }
    return engines;
  }

  /**
   * The engine {@code name} of {@code scripts/engines.sh} (system property {@code
   * lambda.test.enginesScript}) with this host's address as it reaches it, if the script lists it.
   */
  public static Optional<Remote> remote(String name) {
    String script = System.getProperty("lambda.test.enginesScript");
    if (script == null || !Files.isRegularFile(Path.of(script))) {
      return Optional.empty();
    }
    for (String line : run(script)) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 3 && parts[0].equals(name)) {
        return Optional.of(
            new Remote(name, new EngineEndpoint(parts[1], "scripts/engines.sh", null), parts[2]));
      }
    }
    return Optional.empty();
  }

  private static boolean answers(EngineEndpoint endpoint) {
    try {
      plain(endpoint).info();
      return true;
    } catch (RuntimeException e) {
      System.err.println("Skipping engine " + endpoint.host() + ": " + e.getMessage());
      return false;
    }
  }

  private static List<String> run(String script) {
    try {
      Process process = new ProcessBuilder("bash", script).redirectErrorStream(false).start();
      List<String> lines =
          List.of(
              new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                  .split("\n"));
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return List.of();
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
