package io.github.lambdaimage.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.model.Architecture;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each directory under {@code src/test/resources/golden} holds {@code
 * case.properties} (arch, runtime), optionally a {@code Dockerfile} and {@code Dockerfile.<arch>}
 * template, and {@code Dockerfile.expected}, the exact bytes the renderer must produce.
 */
class GoldenDockerfileTest {

  static final String PINNED_BASE =
      "127.0.0.1:5000/lambda-image-test/java-base@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(GoldenDockerfileTest.class.getResource("/golden").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersExactlyTheExpectedDockerfile(Path caseDirectory) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(caseDirectory.resolve("case.properties"))) {
      properties.load(reader);
    }
    Architecture architecture = Architecture.parse(properties.getProperty("arch"));
    RuntimeMode mode = RuntimeMode.parse(properties.getProperty("runtime"));
    Template template =
        DockerfileTemplates.select(caseDirectory, caseDirectory, architecture, mode);
    Map<String, String> values =
        TemplateValues.of(
            architecture,
            PINNED_BASE,
            "example.Handler::handleRequest",
            mode,
            Map.of("team", "payments"));

    byte[] rendered = TemplateRenderer.render(template, values).getBytes(StandardCharsets.UTF_8);

    assertThat(new String(rendered, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(caseDirectory.resolve("Dockerfile.expected")));
  }
}
