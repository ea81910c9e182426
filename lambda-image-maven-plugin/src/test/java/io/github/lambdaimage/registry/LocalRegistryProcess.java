package io.github.lambdaimage.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, private registry for one test: Debian's {@code docker-registry} (the CNCF distribution
 * server) on its own loopback port, with htpasswd or token authentication and storage in a test
 * directory. Started and stopped by the test; the engine reaches it over plain HTTP because dockerd
 * treats {@code 127.0.0.0/8} as insecure.
 */
public final class LocalRegistryProcess implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final Path directory;

  private LocalRegistryProcess(Process process, int port, Path directory) {
    this.process = process;
    this.port = port;
    this.directory = directory;
  }

  /** Starts a registry in {@code directory} that accepts only {@code user}/{@code password}. */
  public static LocalRegistryProcess startWithHtpasswd(
      Path directory, String user, String password) {
    try {
      Files.createDirectories(directory);
      Path htpasswd = directory.resolve("htpasswd");
      Files.writeString(htpasswd, run(List.of("htpasswd", "-Bbn", user, password)));
      return start(
          directory,
          List.of("  htpasswd:", "    realm: lambda-image-test", "    path: " + htpasswd));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a registry in {@code directory} that accepts only tokens of {@code tokens}, whose
   * certificate bundle is in {@code tokenDirectory}.
   */
  static LocalRegistryProcess startWithTokenAuth(
      Path directory, TokenServer tokens, Path tokenDirectory) {
    return start(
        directory,
        List.of(
            "  token:",
            "    realm: " + tokens.realm(),
            "    service: " + TokenServer.SERVICE,
            "    issuer: " + TokenServer.ISSUER,
            "    rootcertbundle: " + TokenServer.certificateBundle(tokenDirectory)));
  }

  private static LocalRegistryProcess start(Path directory, List<String> authConfig) {
    if (!Files.isExecutable(SERVER)) {
      throw new IllegalStateException(
          SERVER + " is missing; run scripts/env-up.sh, which installs docker-registry.");
    }
    try {
      Files.createDirectories(directory);
      int port = freePort();
      List<String> config =
          new ArrayList<>(
              List.of(
                  "version: 0.1",
                  "log:",
                  "  level: warn",
                  "storage:",
                  "  filesystem:",
                  "    rootdirectory: " + directory.resolve("data"),
                  "  delete:",
                  "    enabled: true",
                  "http:",
                  "  addr: 127.0.0.1:" + port,
                  "auth:"));
      config.addAll(authConfig);
      Path configFile = directory.resolve("config.yml");
      Files.writeString(configFile, String.join("\n", config) + "\n");
      Process process =
          new ProcessBuilder(SERVER.toString(), "serve", configFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("registry.log").toFile())
              .start();
      LocalRegistryProcess registry = new LocalRegistryProcess(process, port, directory);
      registry.awaitReady();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** True once an upload to {@code repository} has started writing into the storage. */
  public boolean uploadStarted(String repository) {
    Path uploads =
        directory.resolve("data/docker/registry/v2/repositories/" + repository + "/_uploads");
    try (var entries = Files.list(uploads)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the registry at once, as a crash or a dropped network would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        break;
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    kill();
    throw new IllegalStateException(
        "The test registry did not start: "
            + Files.readString(directory.resolve("registry.log"), StandardCharsets.UTF_8));
  }

  private static String run(List<String> command) throws IOException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(command.get(0) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(
          command.get(0) + " is missing; run scripts/env-up.sh, which installs apache2-utils.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
