package io.github.lambdaimage.invoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.WaitResponse;
import io.github.lambdaimage.model.ImageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * One container running a function image the way Lambda would: read-only root file system with a
 * writable {@code /tmp}, the function's memory as its limit. It is removed on {@link #close()} and,
 * should the JVM stop first (Ctrl-C), by a shutdown hook.
 */
final class FunctionContainer implements AutoCloseable {

  /** Label on every container invoke creates; its value is the run's unique id. */
  static final String RUN_LABEL = "io.github.lambdaimage.invoke.run";

  private static final long MEGABYTE = 1024L * 1024L;

  private final DockerClient client;
  private final String id;
  private final Thread removeOnExit;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean removed;

  private FunctionContainer(DockerClient client, String id) {
    this.client = client;
    this.id = id;
    this.removeOnExit = new Thread(this::remove, "lambda-image-remove-" + id);
    Runtime.getRuntime().addShutdownHook(removeOnExit);
  }

  /**
   * Creates (but does not start) the container.
   *
   * @param name a unique container name
   * @param runId the value of the {@link #RUN_LABEL} label
   */
  static FunctionContainer create(
      DockerClient client,
      ImageRecord image,
      RuntimeApiRoute route,
      Map<String, String> environment,
      int memorySizeMb,
      String name,
      String runId) {
    HostConfig hostConfig =
        HostConfig.newHostConfig()
            .withNetworkMode(route.networkMode())
            .withMemory(memorySizeMb * MEGABYTE)
            .withReadonlyRootfs(true)
            .withTmpFs(Map.of("/tmp", "rw,exec,size=512m"));
    List<String> env =
        environment.entrySet().stream()
            .map(variable -> variable.getKey() + "=" + variable.getValue())
            .collect(Collectors.toList());
    String id =
        client
            .createContainerCmd(image.imageId())
            .withName(name)
            .withPlatform(image.platform())
            .withEnv(env)
            .withLabels(Map.of(RUN_LABEL, runId))
            .withHostConfig(hostConfig)
            .exec()
            .getId();
    return new FunctionContainer(client, id);
  }

  /** The container id. */
  String id() {
    return id;
  }

  /**
   * Starts the container, starts following its output into {@code logs} and watching for its exit.
   *
   * @return the moment just before the engine was asked to start it
   */
  Instant start(ContainerLogs logs) {
    Instant startedAt = Instant.now();
    client.startContainerCmd(id).exec();
    client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs);
    client
        .waitContainerCmd(id)
        .exec(
            new ResultCallback.Adapter<WaitResponse>() {
              @Override
              public void onNext(WaitResponse response) {
                exit.complete(response.getStatusCode());
              }

              @Override
              public void onError(Throwable throwable) {
                exit.completeExceptionally(throwable);
              }
            });
    return startedAt;
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
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException alreadyGone) {
      // removed by someone else: the goal is reached
    }
    removed = true;
  }
}
