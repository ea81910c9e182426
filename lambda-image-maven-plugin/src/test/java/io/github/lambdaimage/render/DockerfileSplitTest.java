package io.github.lambdaimage.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileSplitTest {

  private static String golden(String name) throws IOException, URISyntaxException {
    return Files.readString(
        Path.of(DockerfileSplitTest.class.getResource("/golden/" + name).toURI())
            .resolve("Dockerfile.expected"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "builtin-custom-amd64",
        "builtin-custom-arm64",
        "builtin-official-amd64",
        "builtin-official-arm64"
      })
  void builtInTemplatesSplitBeforeTheirLastCopyOfApp(String name) throws Exception {
    String rendered = golden(name);

    DockerfileSplit split = DockerfileSplit.of(rendered).orElseThrow();

    assertThat(split.application())
        .isEqualTo("# The function's own code last.\nCOPY app/ /var/task/\n");
    assertThat(split.dependencies() + split.application()).isEqualTo(rendered);
    assertThat(split.dependencies()).contains("COPY lib/ /var/task/lib/\n").doesNotContain("app/");
  }

  @Test
  void theApplicationDockerfileStartsFromTheDependenciesImageForThePlatform() throws Exception {
    DockerfileSplit split = DockerfileSplit.of(golden("builtin-official-arm64")).orElseThrow();

    assertThat(
            split.applicationDockerfile("linux/arm64", "lambda-image-dependencies/hello:ab-arm64"))
        .isEqualTo(
            "# Rendered by lambda-image for linux/arm64: the function's code on top of its"
                + " dependencies image,\n"
                + "# built from Dockerfile.dependencies beside this file. The whole Dockerfile, as"
                + " one file,\n"
                + "# is context/Dockerfile.\n"
                + "FROM --platform=linux/arm64 lambda-image-dependencies/hello:ab-arm64\n"
                + "# The function's own code last.\n"
                + "COPY app/ /var/task/\n");
  }

  @Test
  void aTrailingBlankLineOrCommentAfterTheCopyStillSplits() {
    Optional<DockerfileSplit> split =
        DockerfileSplit.of("FROM base\nCOPY lib/ /var/task/lib/\ncopy app/ /var/task/\n\n# end\n");

    assertThat(split)
        .hasValueSatisfying(s -> assertThat(s.application()).isEqualTo("copy app/ /var/task/\n"));
    assertThat(split.get().dependencies()).isEqualTo("FROM base\nCOPY lib/ /var/task/lib/\n");
  }

  @Test
  void aDockerfileEndingWithAnotherInstructionIsNotSplit() {
    assertThat(DockerfileSplit.of("FROM base\nCOPY app/ /var/task/\nCMD [\"x\"]\n")).isEmpty();
  }

  @Test
  void aDockerfileUsingAppBeforeItsLastInstructionIsNotSplit() {
    assertThat(
            DockerfileSplit.of(
                "FROM base\nCOPY app/lib/ /opt/lib/\nCOPY lib/ /var/task/lib/\nCOPY app/ /var/task/\n"))
        .isEmpty();
  }

  @Test
  void aCopyWithOptionsOrContinuedFromTheLineBeforeIsNotSplit() {
    assertThat(DockerfileSplit.of("FROM base\nCOPY --chown=1000 app/ /var/task/\n")).isEmpty();
    assertThat(DockerfileSplit.of("FROM base\nRUN echo \\\nCOPY app/ /var/task/\n")).isEmpty();
  }

  @Test
  void aDockerfileOfOnlyTheCopyIsNotSplit() {
    assertThat(DockerfileSplit.of("# nothing else\nCOPY app/ /var/task/\n")).isEmpty();
  }
}
