package io.github.lambdaimage.it.support;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds a Dockerfile through docker-java, i.e. through the Engine's {@code POST /build}, which
 * always uses the classic builder, and keeps the whole build output.
 */
public final class ClassicBuild {

  private ClassicBuild() {}

  /** What a build printed, and the image id when it succeeded. */
  public record Result(String output, String imageId) {}

  /**
   * Builds {@code dockerfile} (written into {@code contextDirectory}) with the given target stage
   * (or none), host networking, no build cache (so every RUN really executes) and no tag.
   */
  public static Result build(Path contextDirectory, String dockerfile, String target) {
    try {
      Files.createDirectories(contextDirectory);
      Path file = contextDirectory.resolve("Dockerfile");
      Files.writeString(file, dockerfile, StandardCharsets.UTF_8);
      StringBuilder output = new StringBuilder();
      BuildImageCmd command =
          TestEngine.client()
              .buildImageCmd(contextDirectory.toFile())
              .withDockerfile(file.toFile())
              .withNetworkMode("host")
              .withPull(false)
              .withNoCache(true);
      if (target != null) {
        command = command.withTarget(target);
      }
      String imageId =
          command
              .exec(
                  new BuildImageResultCallback() {
                    @Override
                    public void onNext(BuildResponseItem item) {
                      if (item.getStream() != null) {
                        output.append(item.getStream());
                      }
                      if (item.getErrorDetail() != null) {
                        output.append("ERROR: ").append(item.getErrorDetail().getMessage());
                      }
                      super.onNext(item);
                    }
                  })
              .awaitImageId(10, TimeUnit.MINUTES);
      return new Result(output.toString(), imageId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
