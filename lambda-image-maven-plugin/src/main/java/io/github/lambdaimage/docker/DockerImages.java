package io.github.lambdaimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import java.util.Optional;

/** Image operations on the engine: inspect, pull for a platform, tag, remove. */
public final class DockerImages {

  private final DockerClient client;

  /** Operations through {@code engine}'s client. */
  public DockerImages(DockerEngine engine) {
    this.client = engine.client();
  }

  /**
   * The image {@code reference} (name, {@code name:tag}, {@code name@digest} or id), if present.
   */
  public Optional<InspectImageResponse> inspect(String reference) {
    try {
      return Optional.of(client.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Pulls {@code name} at {@code tagOrDigest} for {@code platform}, unless the engine already has
   * {@code name@digest} for that platform.
   *
   * @param name the image name without tag, e.g. {@code 127.0.0.1:5000/team/base}
   * @param digest the platform manifest's digest, {@code sha256:…}
   * @param platform e.g. {@code linux/arm64}
   * @throws EnvironmentException when the pull fails
   */
  public void pullIfAbsent(String name, String digest, String platform, BuildLog log) {
    String reference = name + "@" + digest;
    Optional<InspectImageResponse> present = inspect(reference);
    if (present.isPresent() && platform.equals(platformOf(present.get()))) {
      log.debug(() -> "Base image " + reference + " is present for " + platform);
      return;
    }
    log.info("Pulling " + reference + " for " + platform);
    try {
      client
          .pullImageCmd(name)
          .withTag(digest)
          .withPlatform(platform)
          .exec(new PullImageResultCallback())
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while pulling " + reference, e);
    } catch (DockerClientException | DockerException e) {
      throw new EnvironmentException(
          "Cannot pull base image "
              + reference
              + " for "
              + platform
              + ": "
              + e.getMessage()
              + ". Check that the registry is reachable from the Docker Engine and that you are"
              + " logged in to it (docker login).",
          e);
    }
  }

  /** Tags image {@code imageId} as {@code repository:tag}, moving the tag if it exists. */
  public void tag(String imageId, String repository, String tag) {
    client.tagImageCmd(imageId, repository, tag).withForce(true).exec();
  }

  /** Removes tag or image {@code reference}; quietly does nothing when it is absent. */
  public void removeQuietly(String reference) {
    try {
      client.removeImageCmd(reference).withNoPrune(false).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (DockerException e) {
      // in use by a container or another tag: leave it to the engine's owner
    }
  }

  /** The parts of an inspected image the up-to-date check needs. */
  public static ImageState state(InspectImageResponse image) {
    return new ImageState(
        image.getId(),
        platformOf(image),
        image.getConfig() == null ? null : image.getConfig().getLabels());
  }

  /** The image's platform as the engine reports it, e.g. {@code linux/arm64}. */
  public static String platformOf(InspectImageResponse image) {
    return image.getOs() + "/" + image.getArch();
  }
}
