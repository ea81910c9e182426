package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.ContainerSpec;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.model.ImageRecord;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One container running a function image in a sandbox like Lambda's: as the unprivileged user
 * {@value #SANDBOX_USER} whatever the image says, with no capabilities and no way to gain
 * privileges, at most {@value #PIDS_LIMIT} processes and threads, a read-only root file system with
 * a writable {@code /tmp}, and the function's memory as its limit. It is removed on {@link
 * #close()} and, should the JVM stop first (Ctrl-C), by a shutdown hook.
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

  private static final long MEGABYTE = 1024L * 1024L;

  private final DockerEngine engine;
  private final String id;
  private final Thread removeOnExit;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean removed;

  private FunctionContainer(DockerEngine engine, String id) {
    this.engine = engine;
    this.id = id;
    this.removeOnExit = new Thread(this::remove, "lambda-image-remove-" + id);
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
      String runId) {
    String id =
        engine.createContainer(
            new ContainerSpec(
                image.imageId(),
                name,
                image.platform(),
                environment,
                Map.of(RUN_LABEL, runId),
                route.networkMode(),
                memorySizeMb * MEGABYTE,
                Map.of("/tmp", "rw,exec,size=512m,mode=1777"),
                SANDBOX_USER,
                PIDS_LIMIT));
    return new FunctionContainer(engine, id);
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
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(removeOnExit);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook is running or has run; nothing left to do
    }
  }

  private synchronized void remove() {
    if (removed) {
      return;
    }
    engine.removeContainer(id);
    removed = true;
  }
}
