package io.github.lambdaimage.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Images for push tests, tagged under a test's own name, with the {@code image.json} record a
 * verified build would write: the environment's per-architecture base images ({@code
 * 127.0.0.1:5000/lambda-image-test/java-base:17-<arch>}, from scripts/env-up.sh, about 300 MB), or
 * a tiny {@code FROM scratch} image built for the platform. Removes its tags when closed.
 */
public final class TestImages implements AutoCloseable {

  public static final String BASE = "127.0.0.1:5000/lambda-image-test/java-base:17-";

  private final DockerClient docker;
  private final List<String> tags = new ArrayList<>();

  public TestImages(DockerClient docker) {
    this.docker = docker;
  }

  /** Tags the base image of {@code architecture} as {@code repository:tag}; returns its record. */
  public ImageRecord tagBase(Architecture architecture, String repository, String tag) {
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

  /**
   * Builds a one-file {@code FROM scratch} image for {@code architecture}, tags it as {@code
   * repository:tag} and returns its record: a push of a few hundred bytes.
   */
  public ImageRecord tiny(Architecture architecture, String repository, String tag) {
    String shortId =
        docker
            .buildImageCmd()
            .withTarInputStream(new ByteArrayInputStream(tinyContext()))
            .withPlatform(architecture.platform())
            .withPull(false)
            .exec(new BuildImageResultCallback())
            .awaitImageId();
    InspectImageResponse image = docker.inspectImageCmd(shortId).exec();
    docker.tagImageCmd(image.getId(), repository, tag).exec();
    tags.add(repository + ":" + tag);
    return ImageRecord.built(
        architecture,
        repository,
        tag,
        image.getId(),
        "scratch",
        "example.Handler::handleRequest",
        "sha256:" + "0".repeat(64),
        image.getArch());
  }

  private static byte[] tinyContext() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      addFile(tar, "Dockerfile", "FROM scratch\nCOPY hello.txt /hello.txt\n");
      addFile(tar, "hello.txt", "lambda-image push test\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void addFile(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
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
