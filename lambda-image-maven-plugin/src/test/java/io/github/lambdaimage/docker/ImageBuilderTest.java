package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.log.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds tiny images on the real engine from the test environment's amd64 base image. */
class ImageBuilderTest {

  static DockerEngine engine;
  static String baseId;
  @TempDir Path temp;

  @BeforeAll
  static void connect() {
    engine = DockerEngine.connect();
    baseId = new DockerImages(engine).inspect(ImageVerifierTest.BASE).orElseThrow().getId();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private BuildSpec spec(String dockerfile) throws IOException {
    Path context = Files.createDirectories(temp.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    return new BuildSpec(
        context,
        temp.resolve("context.tar"),
        "linux/amd64",
        Map.of("it.test", "image-builder", "it.cost", "$5 \"each\""),
        Map.of(),
        "test image");
  }

  @Test
  void buildsUntaggedWithLabelsAndLogsSteps() throws IOException {
    RecordingLog log = new RecordingLog();
    DockerImages images = new DockerImages(engine);

    String id = new ImageBuilder(engine).build(spec("FROM " + baseId + "\nCMD [\"x::y\"]\n"), log);
    try {
      assertThat(id).matches("sha256:[0-9a-f]{64}");
      var image = images.inspect(id).orElseThrow();
      assertThat(image.getConfig().getLabels())
          .containsEntry("it.test", "image-builder")
          .containsEntry("it.cost", "$5 \"each\"");
      assertThat(image.getRepoTags()).isNullOrEmpty();
      assertThat(log.infos().get(0)).matches("Sending build context of \\d+ bytes to the engine");
      assertThat(log.infos().subList(1, log.infos().size()))
          .containsExactly(
              "Step 1/3 : FROM " + baseId,
              "Step 2/3 : CMD [\"x::y\"]",
              "Step 3/3 : LABEL \"it.cost\"=\"\\$5 \\\"each\\\"\" \"it.test\"=\"image-builder\"");
      assertThat(temp.resolve("context.tar")).doesNotExist();
    } finally {
      images.removeQuietly(id);
    }
  }

  @Test
  void failingStepIsNamedWithTheTailOfItsOutput() throws IOException {
    BuildSpec spec =
        spec("FROM " + baseId + "\nRUN echo preparing && sleep 1 && echo it broke >&2 && exit 3\n");

    assertThatThrownBy(() -> new ImageBuilder(engine).build(spec, BuildLog.silent()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith(
            "Building test image for linux/amd64 failed at Step 2/3 : RUN echo preparing && sleep 1"
                + " && echo it broke >&2 && exit 3: The command '/bin/sh -c echo preparing && sleep 1"
                + " && echo it broke >&2 && exit 3' returned a non-zero code: 3")
        .hasMessageEndingWith(
            "\nLast output of that step:\n  preparing\n  it broke\n"
                + "Run with -X to see the whole build output.");
  }
}
