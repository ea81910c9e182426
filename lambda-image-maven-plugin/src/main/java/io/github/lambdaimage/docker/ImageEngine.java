package io.github.lambdaimage.docker;

import io.github.lambdaimage.context.ContextArchive;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a build asks of the engine: inspect an image, pull a base for a platform, build (the classic
 * builder's {@code POST /build}, explicit platform, host network, under a temporary tag), tag,
 * remove.
 *
 * <p>Two clients speak it. {@link PlainImageEngine} sends plain HTTP requests over the unix socket
 * or plain TCP and starts in milliseconds; {@link DockerJavaImageEngine} goes through docker-java,
 * whose start-up costs most of a second, and is used where the endpoint needs TLS. {@link
 * #forEndpoint} picks one.
 */
public abstract class ImageEngine {

  /**
   * The plain client where {@code endpoint} allows it, else docker-java through {@code dockerJava},
   * which is connected on first use.
   */
  public static ImageEngine forEndpoint(
      EngineEndpoint endpoint, Supplier<DockerEngine> dockerJava) {
    return PlainImageEngine.forEndpoint(endpoint)
        .<ImageEngine>map(plain -> plain)
        .orElseGet(() -> new DockerJavaImageEngine(dockerJava));
  }

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
              spec.contextDirectory(), spec.archive(), LabelInstruction.of(spec.labels()));
      log.info("Sending build context of " + size + " bytes to the engine");
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
  static EnvironmentException pullFailure(
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
}
