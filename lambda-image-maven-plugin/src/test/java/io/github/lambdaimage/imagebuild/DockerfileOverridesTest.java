package io.github.lambdaimage.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.render.DockerfileTemplates;
import io.github.lambdaimage.render.RuntimeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Dockerfile.<arch>} overrides: alias spellings fail, unrequested ones are reported. */
class DockerfileOverridesTest {

  @TempDir Path project;

  private Path templates() throws IOException {
    Path directory = project.resolve("src/main/docker");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("Dockerfile"), "FROM @lambda.baseImage@\n");
    return directory;
  }

  private ImageSettings settings(Path templates) {
    return new ImageSettings(
        project,
        templates,
        project.resolve("target/lambda-image"),
        RuntimeMode.CUSTOM,
        "127.0.0.1:5000/base:1",
        "example.Handler::handleRequest",
        "app",
        "1",
        new ContextInputs(Map.of(), null, Map.of()),
        Map.of(),
        Map.of(),
        Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"aarch64, arm64, ARM64", "x86_64, amd64, AMD64"})
  void overrideNamedWithAnAliasFailsNamingTheFileToUse(
      String alias, String canonical, Architecture architecture) throws IOException {
    Path templates = templates();
    Files.writeString(templates.resolve("Dockerfile." + alias), "FROM x\n");

    assertThatThrownBy(
            () -> DockerfileTemplates.select(templates, project, architecture, RuntimeMode.CUSTOM))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Template override src/main/docker/Dockerfile."
                + alias
                + " is named with an alias of "
                + canonical
                + ", so it would be ignored. Rename it to Dockerfile."
                + canonical
                + ".");
  }

  @Test
  void aliasOverrideFailsAlsoWhenAnotherArchitectureIsBuilt() throws IOException {
    Path templates = templates();
    Files.writeString(templates.resolve("Dockerfile.aarch64"), "FROM x\n");

    assertThatThrownBy(
            () ->
                Dockerfiles.reportUnusedOverrides(
                    settings(templates), List.of(Architecture.AMD64), new RecordingLog()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Rename it to Dockerfile.arm64.");
  }

  @Test
  void overrideOfAnArchitectureNotRequestedIsLoggedNotAnError() throws IOException {
    Path templates = templates();
    Files.writeString(templates.resolve("Dockerfile.arm64"), "FROM x\n");
    Files.writeString(templates.resolve("Dockerfile.amd64"), "FROM x\n");
    Files.writeString(templates.resolve("Dockerfile.bak"), "FROM x\n");
    RecordingLog log = new RecordingLog();

    Dockerfiles.reportUnusedOverrides(settings(templates), List.of(Architecture.AMD64), log);

    assertThat(log.infos())
        .containsExactly(
            "Not using src/main/docker/Dockerfile.arm64: arm64 is not among the requested"
                + " architectures (amd64).");
  }

  @Test
  void overridesOfRequestedArchitecturesAreUsedSilently() throws IOException {
    Path templates = templates();
    Files.writeString(templates.resolve("Dockerfile.arm64"), "FROM arm\n");
    RecordingLog log = new RecordingLog();

    Dockerfiles.reportUnusedOverrides(
        settings(templates), List.of(Architecture.AMD64, Architecture.ARM64), log);

    assertThat(log.infos()).isEmpty();
    assertThat(
            DockerfileTemplates.select(templates, project, Architecture.ARM64, RuntimeMode.CUSTOM)
                .text())
        .isEqualTo("FROM arm\n");
  }
}
