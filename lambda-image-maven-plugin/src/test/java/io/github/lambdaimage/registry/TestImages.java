package io.github.lambdaimage.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Images for push tests: the environment's per-architecture base images ({@code
 * 127.0.0.1:5000/lambda-image-test/java-base:17-<arch>}, from scripts/env-up.sh) tagged under a
 * test's own name, with the {@code image.json} record a verified build would write. Removes its
 * tags when closed.
 */
final class TestImages implements AutoCloseable {

  static final String BASE = "127.0.0.1:5000/lambda-image-test/java-base:17-";

  private final DockerClient docker;
  private final List<String> tags = new ArrayList<>();

  TestImages(DockerClient docker) {
    this.docker = docker;
  }

  /** Tags the base image of {@code architecture} as {@code repository:tag}; returns its record. */
  ImageRecord tagBase(Architecture architecture, String repository, String tag) {
    String base = BASE + architecture.dockerName();
    String imageId = localImageId(base, architecture);
    docker.tagImageCmd(imageId, repository, tag).exec();
    tags.add(repository + ":" + tag);
    return ImageRecord.built(
        architecture,
        repository,
        tag,
        imageId,
        base,
        "example.Handler::handleRequest",
        "sha256:" + "0".repeat(64),
        architecture.dockerName());
  }

  private String localImageId(String base, Architecture architecture) {
    try {
      return docker.inspectImageCmd(base).exec().getId();
    } catch (NotFoundException notPulled) {
      try {
        docker
            .pullImageCmd(base.substring(0, base.lastIndexOf(':')))
            .withTag(base.substring(base.lastIndexOf(':') + 1))
            .withPlatform(architecture.platform())
            .start()
            .awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            base + " is neither in the engine nor pullable; run scripts/env-up.sh: " + e, e);
      }
      return docker.inspectImageCmd(base).exec().getId();
    }
  }

  @Override
  public void close() {
    for (String tag : tags) {
      try {
        docker.removeImageCmd(tag).withNoPrune(true).exec();
      } catch (NotFoundException alreadyGone) {
        // nothing to remove
      }
    }
    tags.clear();
  }
}
