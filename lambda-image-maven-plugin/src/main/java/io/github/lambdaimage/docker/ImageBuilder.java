package io.github.lambdaimage.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.github.lambdaimage.context.ContextArchive;
import io.github.lambdaimage.log.BuildLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds an image through the engine's {@code POST /build} (the classic builder) with an explicit
 * platform and host networking, untagged: the caller tags it once it has been verified. The context
 * goes as a deterministic tar ({@link ContextArchive}), the labels appended to its Dockerfile as
 * one {@link LabelInstruction}. Build steps ({@code Step n/m : …}) go to the log at info, all other
 * output at debug; a failure names the failing step and the tail of its output.
 */
public final class ImageBuilder {

  private static final int TAIL_LINES = 20;

  /** The classic builder colours a RUN step's stderr. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

  private final DockerEngine engine;

  /** A builder on {@code engine}. */
  public ImageBuilder(DockerEngine engine) {
    this.engine = engine;
  }

  /**
   * Builds {@code spec}.
   *
   * @return the full id of the built image, {@code sha256:…}
   * @throws ImageBuildException naming the failing step and the tail of its output
   */
  public String build(BuildSpec spec, BuildLog log) {
    try {
      long size =
          ContextArchive.write(
              spec.contextDirectory(), spec.archive(), LabelInstruction.of(spec.labels()));
      log.info("Sending build context of " + size + " bytes to the engine");
      return build(spec, new Output(log));
    } finally {
      try {
        Files.deleteIfExists(spec.archive());
      } catch (IOException e) {
        log.debug("Cannot delete " + spec.archive() + ": " + e.getMessage());
      }
    }
  }

  private String build(BuildSpec spec, Output output) {
    try (InputStream tar = Files.newInputStream(spec.archive())) {
      BuildImageCmd command =
          engine
              .client()
              .buildImageCmd()
              .withTarInputStream(tar)
              .withPlatform(spec.platform())
              .withTags(Set.of())
              .withNetworkMode("host")
              .withPull(false)
              .withRemove(true)
              .withForcerm(true);
      spec.buildArgs().forEach(command::withBuildArg);
      String shortId = command.exec(output).awaitImageId();
      return engine.client().inspectImageCmd(shortId).exec().getId();
    } catch (DockerClientException | DockerException e) {
      throw output.failure(spec, e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the build context " + spec.archive() + ": " + e.getMessage(), e);
    }
  }

  /** Logs the build's output and remembers the current step and its last lines. */
  private static final class Output extends BuildImageResultCallback {
    private final BuildLog log;
    private final Deque<String> tail = new ArrayDeque<>();
    private String step = "before the first step";
    private String error;

    Output(BuildLog log) {
      this.log = log;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        for (String line : item.getStream().split("\n")) {
          accept(line);
        }
      }
      if (item.isErrorIndicated()) {
        error =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
      }
      super.onNext(item);
    }

    private synchronized void accept(String raw) {
      String line = ANSI_ESCAPE.matcher(raw).replaceAll("").stripTrailing();
      if (line.isEmpty()) {
        return;
      }
      if (line.startsWith("Step ")) {
        step = line;
        tail.clear();
        log.info(line);
      } else {
        log.debug(line);
        if (isBuilderBookkeeping(line)) {
          return;
        }
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
    }

    private static boolean isBuilderBookkeeping(String line) {
      String trimmed = line.strip();
      return trimmed.startsWith("---> ") || trimmed.startsWith("Removing intermediate container");
    }

    synchronized ImageBuildException failure(BuildSpec spec, RuntimeException cause) {
      StringBuilder message =
          new StringBuilder("Building ")
              .append(spec.description())
              .append(" for ")
              .append(spec.platform())
              .append(" failed at ")
              .append(step)
              .append(": ")
              .append(error != null ? error : cause.getMessage());
      if (!tail.isEmpty()) {
        message.append("\nLast output of that step:\n  ").append(String.join("\n  ", tail));
      }
      message.append("\nRun with -X to see the whole build output.");
      return new ImageBuildException(message.toString(), cause);
    }
  }
}
