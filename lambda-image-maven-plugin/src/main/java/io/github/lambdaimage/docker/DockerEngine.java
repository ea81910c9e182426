package io.github.lambdaimage.docker;

import io.github.lambdaimage.context.ContextArchive;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything the goals ask of a Docker Engine (or Podman's Docker-compatible API): images (inspect,
 * pull, build, tag, remove, list), containers (create, start, wait, logs, remove, list), push with
 * progress, and what the engine is.
 *
 * <p>Two clients implement it. {@link PlainDockerEngine} sends plain HTTP requests over the unix
 * socket or plain TCP and starts in milliseconds; the docker-java client serves TLS endpoints and
 * Windows named pipes and is loaded on demand ({@link DockerJavaLoader}), so no goal pays its
 * start-up for a local engine. {@link #connect} picks one. Every request is bounded: an engine that
 * sends nothing for the idle limit fails with {@link EngineTimeoutException}.
 */
public abstract class DockerEngine implements AutoCloseable {

  /** The default idle limit of an engine request. */
  public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(300);

  /**
   * The plain client where {@code endpoint} allows it, else docker-java loaded from {@code
   * dockerJava}.
   *
   * @param idleLimit how long a request may go without a byte from the engine
   * @param dockerJava loads the docker-java client; asked only for TLS and named pipes
   */
  public static DockerEngine connect(
      EngineEndpoint endpoint, Duration idleLimit, DockerJavaLoader dockerJava) {
    if (PlainDockerEngine.serves(endpoint)) {
      return new PlainDockerEngine(endpoint, idleLimit);
    }
    return dockerJava.connect(endpoint, idleLimit);
  }

  private final EngineEndpoint endpoint;
  private EngineInfo info;

  /** A client of the engine at {@code endpoint}. */
  protected DockerEngine(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Where the engine is and why there. */
  public final EngineEndpoint endpoint() {
    return endpoint;
  }

  /** What the engine reports about itself; asked once, then cached. */
  public final synchronized EngineInfo info() {
    if (info == null) {
      info = readInfo();
    }
    return info;
  }

  /** Asks the engine what it is ({@code /version}, {@code /info}). */
  protected abstract EngineInfo readInfo();

  /**
   * The image {@code reference} (name, {@code name:tag}, {@code name@digest} or id), if the engine
   * has it.
   *
   * @throws EngineUnreachableException when the engine does not answer
   */
  public abstract Optional<ImageState> inspect(String reference);

  /** Tags image {@code imageId} as {@code repository:tag}, moving the tag if it exists. */
  public abstract void tag(String imageId, String repository, String tag);

  /** Removes tag or image {@code reference}; quietly does nothing when absent or in use. */
  public abstract void removeQuietly(String reference);

  /** The ids of the images labelled {@code label} (any value). */
  public abstract List<String> imagesLabelled(String label);

  /**
   * Creates (does not start) a container.
   *
   * @return its id
   * @throws NoSuchImageException when the engine lacks the image
   */
  public abstract String createContainer(ContainerSpec spec);

  /**
   * Starts container {@code id}.
   *
   * @throws EnvironmentException with the engine's message when it cannot
   */
  public abstract void startContainer(String id);

  /**
   * Follows container {@code id}'s stdout and stderr into {@code output} until the container stops
   * (or is removed); then calls {@link ContainerOutput#end()}. Blocks; not bounded by the idle
   * limit (a function may be silent), so callers bound it by removing the container.
   */
  public abstract void followLogs(String id, ContainerOutput output);

  /**
   * Waits until container {@code id} stops; blocks like {@link #followLogs}.
   *
   * @return its exit code
   */
  public abstract int waitContainer(String id);

  /** Removes container {@code id}, running or not, with its anonymous volumes; absent is fine. */
  public abstract void removeContainer(String id);

  /**
   * The containers, running or not, that carry label {@code label} (any value).
   *
   * @return each container's id with its value of the label
   */
  public abstract Map<String, String> containersLabelled(String label);

  /**
   * Pushes {@code name:tag}, feeding the engine's progress messages to {@code progress}. The
   * engine's error, if it reports one, arrives as a message with {@link ProgressMessage#error()}.
   *
   * @param auth the registry credentials the engine uses, or {@link RegistryAuth#anonymous}
   */
  public abstract void push(
      String name, String tag, RegistryAuth auth, Consumer<ProgressMessage> progress);

  /**
   * Pulls {@code name@digest} for {@code platform}, presenting {@code auth} to the registry.
   *
   * @param auth the registry credentials, or {@code null} to pull anonymously
   * @throws EnvironmentException from {@link #pullFailure} when the engine cannot
   */
  protected abstract void pull(String name, String digest, String platform, RegistryAuth auth);

  /**
   * Sends the context archive of {@code spec} (already written) to the engine, feeding its output
   * to {@code output}.
   *
   * @return the built image's full id, {@code sha256:…}
   * @throws ImageBuildException from {@link BuildOutput#failure} when the build fails
   */
  protected abstract String send(BuildSpec spec, BuildOutput output);

  /** Releases the client's connections. */
  @Override
  public void close() {}

  /**
   * Pulls {@code name} at {@code digest} for {@code platform}, unless the engine already has {@code
   * name@digest} for that platform.
   *
   * @param name the image name without tag, e.g. {@code 127.0.0.1:5000/team/base}
   * @param digest the platform manifest's digest, {@code sha256:…}
   * @param platform e.g. {@code linux/arm64}
   * @param auth the registry credentials, asked for only when a pull is needed; {@code null} inside
   *     means anonymous
   * @throws EnvironmentException when the pull fails
   */
  public final void pullIfAbsent(
      String name, String digest, String platform, Supplier<RegistryAuth> auth, BuildLog log) {
    String reference = name + "@" + digest;
    Optional<ImageState> present = inspect(reference);
    if (present.isPresent() && platform.equals(present.get().platform())) {
      log.debug(() -> "Base image " + reference + " is present for " + platform);
      return;
    }
    log.info("Pulling " + reference + " for " + platform);
    pull(name, digest, platform, auth.get());
  }

  /**
   * Builds {@code spec} under its temporary tag: writes its context as a deterministic tar ({@link
   * ContextArchive}) with the labels appended to the Dockerfile as one {@link LabelInstruction},
   * sends it, and deletes the tar.
   *
   * @return the full id of the built image, {@code sha256:…}
   * @throws ImageBuildException naming the failing step and the tail of its output
   */
  public final String build(BuildSpec spec, BuildLog log) {
    try {
      long size =
          ContextArchive.write(
              spec.contextDirectory(),
              spec.archive(),
              LabelInstruction.of(spec.labels()),
              spec.dockerfile(),
              spec.include());
      log.info("Sending " + spec.contextName() + " context of " + size + " bytes to the engine");
      return send(spec, new BuildOutput(log));
    } finally {
      try {
        Files.deleteIfExists(spec.archive());
      } catch (IOException e) {
        log.debug("Cannot delete " + spec.archive() + ": " + e.getMessage());
      }
    }
  }

  /** The failure of pulling {@code name@digest} for {@code platform}, with what to check. */
  protected static EnvironmentException pullFailure(
      String name, String digest, String platform, String detail, Throwable cause) {
    return new EnvironmentException(
        "Cannot pull base image "
            + name
            + "@"
            + digest
            + " for "
            + platform
            + ": "
            + detail
            + ". Check that the registry is reachable from the Docker Engine and that the"
            + " credentials found for it are valid.",
        cause);
  }

  /**
   * The engine could not be reached at {@code endpoint}: names it, how it was chosen, the root
   * cause and what to do.
   */
  public static EngineUnreachableException unreachable(EngineEndpoint endpoint, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new EngineUnreachableException(
        "Cannot reach the Docker Engine at "
            + endpoint.host()
            + " (chosen by "
            + endpoint.source()
            + "): "
            + root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage())
            + (endpoint.setting().equals("DOCKER_HOST")
                ? ". Start an engine (Docker Desktop, colima or Podman on a laptop; `sudo dockerd`"
                    + " on Linux), or point DOCKER_HOST at a running one, e.g. DOCKER_HOST="
                    + EngineEndpointResolver.DEFAULT_HOST
                    + "."
                : ". Start that engine or make it reachable from this machine, or point "
                    + endpoint.setting()
                    + " at a running one (without it, this architecture uses DOCKER_HOST's"
                    + " engine)."),
        root);
  }
}
