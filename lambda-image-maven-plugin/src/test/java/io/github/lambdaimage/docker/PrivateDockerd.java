package io.github.lambdaimage.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker Engine of one test's own: Debian's {@code dockerd} on a unix socket in a test directory,
 * with its own data and exec roots, no bridge and no iptables rules, so a test may freeze it
 * ({@code SIGSTOP}) without touching the engine everyone else uses. It starts in about a second.
 */
public final class PrivateDockerd implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/sbin/dockerd");

  private final Process process;
  private final Path directory;

  private PrivateDockerd(Process process, Path directory) {
    this.process = process;
    this.directory = directory;
  }

  /** Starts an engine whose files all live under {@code directory}, and waits until it answers. */
  public static PrivateDockerd start(Path directory) {
    if (!Files.isExecutable(SERVER)) {
      throw new IllegalStateException(
          SERVER + " is missing; run scripts/env-up.sh, which installs the Docker Engine.");
    }
    try {
      Files.createDirectories(directory);
      Process process =
          new ProcessBuilder(
                  SERVER.toString(),
                  "--host",
                  "unix://" + directory.resolve("docker.sock"),
                  "--data-root",
                  directory.resolve("data").toString(),
                  "--exec-root",
                  directory.resolve("exec").toString(),
                  "--pidfile",
                  directory.resolve("docker.pid").toString(),
                  "--iptables=false",
                  "--bridge=none",
                  "--storage-driver=vfs")
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("dockerd.log").toFile())
              .start();
      PrivateDockerd dockerd = new PrivateDockerd(process, directory);
      dockerd.awaitReady();
      return dockerd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The engine's unix socket as an endpoint. */
  public EngineEndpoint endpoint() {
    return new EngineEndpoint(
        "unix://" + directory.resolve("docker.sock"), "a private dockerd of the test", null);
  }

  /** Stops the engine process ({@code SIGSTOP}): it keeps its sockets and answers nothing. */
  public void freeze() {
    signal("STOP");
  }

  /** Lets the frozen engine run again ({@code SIGCONT}). */
  public void thaw() {
    signal("CONT");
  }

  /** Thaws and stops the engine, waiting for it (and its containerd) to exit. */
  @Override
  public void close() {
    thaw();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .inheritIO()
              .start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(directory.resolve("docker.sock"))) {
        try (PlainDockerEngine engine = new PlainDockerEngine(endpoint(), Duration.ofSeconds(5))) {
          engine.info();
          return;
        } catch (RuntimeException notYet) {
          // the socket exists before the API serves it
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    List<String> log = Files.readAllLines(directory.resolve("dockerd.log"), StandardCharsets.UTF_8);
    throw new IllegalStateException(
        "The private dockerd did not start: "
            + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size())));
  }
}
