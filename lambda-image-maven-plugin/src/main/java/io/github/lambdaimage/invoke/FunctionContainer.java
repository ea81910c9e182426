package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.ContainerSpec;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.ImageRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One container running a function image in a sandbox like Lambda's: as the unprivileged user
 * {@value #SANDBOX_USER} whatever the image says, with no capabilities and no way to gain
 * privileges, at most {@value #PIDS_LIMIT} processes and threads, a read-only root file system with
 * a writable {@code /tmp}, and the function's memory as its limit. It is removed on {@link
 * #close()} and, should the JVM stop first (Ctrl-C), by a shutdown hook. Containers of a process
 * that was killed before either ran carry its {@link #OWNER_LABEL}; {@link #removeLeftovers}
 * removes them.
 */
final class FunctionContainer implements AutoCloseable {

  /** Label on every container invoke creates; its value is the run's unique id. */
  static final String RUN_LABEL = "io.github.lambdaimage.invoke.run";

  /**
   * The {@code uid:gid} functions run as. Lambda runs every function as an unprivileged user
   * ({@code sbx_user1051}, uid 993), never as the image's user; files the function reads must be
   * readable by others, and only {@code /tmp} is writable.
   */
  static final String SANDBOX_USER = "993:990";

  /** Lambda's limit on processes and threads in one execution environment. */
  static final long PIDS_LIMIT = 1024;

  /** Label on every container invoke creates: {@code <host name>:<pid>} of the creating JVM. */
  static final String OWNER_LABEL = "io.github.lambdaimage.invoke.owner";

  private static final int REMOVE_ATTEMPTS = 3;
  private static final Duration REMOVE_PAUSE = Duration.ofSeconds(1);

  private static final long MEGABYTE = 1024L * 1024L;

  private final DockerEngine engine;
  private final String id;
  private final BuildLog log;
  private final Thread removeOnExit;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean removed;

  /** Container {@code id} of {@code engine}, removed on {@link #close()} or when the JVM stops. */
  FunctionContainer(DockerEngine engine, String id, BuildLog log) {
    this.engine = engine;
    this.id = id;
    this.log = log;
    this.removeOnExit = new Thread(this::removeOnExit, "lambda-image-remove-" + id);
    Runtime.getRuntime().addShutdownHook(removeOnExit);
  }

  /**
   * Creates (but does not start) the container.
   *
   * @param name a unique container name
   * @param runId the value of the {@link #RUN_LABEL} label
   * @throws io.github.lambdaimage.docker.NoSuchImageException when the engine lacks the image
   */
  static FunctionContainer create(
      DockerEngine engine,
      ImageRecord image,
      RuntimeApiRoute route,
      Map<String, String> environment,
      int memorySizeMb,
      String name,
      String runId,
      BuildLog log) {
    String id =
        engine.createContainer(
            new ContainerSpec(
                image.imageId(),
                name,
                image.platform(),
                environment,
                Map.of(RUN_LABEL, runId, OWNER_LABEL, owner(ProcessHandle.current().pid())),
                route.networkMode(),
                memorySizeMb * MEGABYTE,
                Map.of("/tmp", "rw,exec,size=512m,mode=1777"),
                SANDBOX_USER,
                PIDS_LIMIT));
    return new FunctionContainer(engine, id, log);
  }

  /**
   * Removes the containers that invoke created on this host in a process that no longer runs (one
   * killed before it could remove them), and says so in {@code log}. Containers of running
   * processes, and of other hosts sharing the engine, are left alone.
   */
  static void removeLeftovers(DockerEngine engine, BuildLog log) {
    String host = hostName();
    engine
        .containersLabelled(OWNER_LABEL)
        .forEach(
            (container, owner) -> {
              Optional<Long> pid = ownerPid(owner, host);
              if (pid.isEmpty() || ProcessHandle.of(pid.get()).isPresent()) {
                return;
              }
              try {
                new FunctionContainer(engine, container, log).close();
              } catch (EnvironmentException e) {
                log.warn(e.getMessage());
                return;
              }
              log.info(
                  "Removed container "
                      + container.substring(0, 12)
                      + ", left by an earlier run (process "
                      + pid.get()
                      + ") that was killed before it could remove it");
            });
  }

  /** The {@link #OWNER_LABEL} value of a container created by process {@code pid} here. */
  static String owner(long pid) {
    return hostName() + ":" + pid;
  }

  /** The process named by {@code owner} if it ran on {@code host}. */
  static Optional<Long> ownerPid(String owner, String host) {
    int colon = owner.lastIndexOf(':');
    if (colon < 0 || !owner.substring(0, colon).equals(host)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(owner.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The container id. */
  String id() {
    return id;
  }

  /**
   * Starts the container, then follows its output into {@code logs} and watches for its exit, each
   * on a daemon thread that ends with the container.
   *
   * @return the moment just before the engine was asked to start it
   */
  Instant start(ContainerLogs logs) {
    Instant startedAt = Instant.now();
    engine.startContainer(id);
    daemon("logs", () -> engine.followLogs(id, logs));
    daemon(
        "wait",
        () -> {
          try {
            exit.complete(engine.waitContainer(id));
          } catch (RuntimeException e) {
            exit.completeExceptionally(e);
          }
        });
    return startedAt;
  }

  private void daemon(String what, Runnable task) {
    Thread thread = new Thread(task, "lambda-image-" + what + "-" + id.substring(0, 12));
    thread.setDaemon(true);
    thread.start();
  }

  /** Completes with the exit code when the container stops. */
  CompletableFuture<Integer> exit() {
    return exit.copy();
  }

  /** Removes the container, running or not; safe to call more than once. */
  @Override
  public void close() {
    try {
      remove(REMOVE_ATTEMPTS);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(removeOnExit);
      } catch (IllegalStateException shutdownInProgress) {
        // the hook is running or has run; nothing left to do
      }
    }
  }

  /**
   * Removes the container, trying up to {@code attempts} times.
   *
   * @throws EnvironmentException naming the container and how to remove it when every attempt fails
   */
  private synchronized void remove(int attempts) {
    if (removed) {
      return;
    }
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        engine.removeContainer(id);
        removed = true;
        return;
      } catch (RuntimeException e) {
        failure = e;
        if (attempt < attempts) {
          log.warn(
              "Removing container "
                  + id
                  + " failed (attempt "
                  + attempt
                  + " of "
                  + attempts
                  + "): "
                  + e.getMessage()
                  + "; trying again");
          pause();
        }
      }
    }
    throw new EnvironmentException(
        "Cannot remove container "
            + id
            + " from the Docker Engine at "
            + engine.endpoint().host()
            + " ("
            + failure.getMessage()
            + "). The next lambda-image:invoke removes it; to remove it now: docker rm -f "
            + id,
        failure);
  }

  /** Once only: the JVM is stopping, and a stalled engine would hold it for each attempt. */
  private void removeOnExit() {
    try {
      remove(1);
    } catch (EnvironmentException e) {
      log.warn(e.getMessage());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(REMOVE_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
