package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Host independence, checked in the code: nothing the build or deploy path decides may depend on
 * the architecture of the machine that runs Maven or the CDK. Only the reference handler reads
 * {@code os.arch}, to report where it runs.
 */
class NoHostArchitectureDefaultIT {

  private static final List<String> BUILD_AND_DEPLOY_MODULES =
      List.of("lambda-image-model", "lambda-image-maven-plugin", "cdk-maven-plugin", "infra-cdk");

  @Test
  void noBuildOrDeployCodeReadsTheHostArchitecture() throws IOException {
    Path root = Paths.get(System.getProperty("it.repositoryRoot")).normalize();
    for (String module : BUILD_AND_DEPLOY_MODULES) {
      Path sources = root.resolve(module).resolve("src/main");
      assertThat(sources).isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        List<Path> readers =
            files
                .filter(Files::isRegularFile)
                .filter(file -> mentionsHostArchitecture(file))
                .toList();
        assertThat(readers).as("sources of %s reading the host architecture", module).isEmpty();
      }
    }
  }

  @Test
  void theReferenceHandlerIsWhereTheHostArchitectureIsReported() throws IOException {
    Path root = Paths.get(System.getProperty("it.repositoryRoot")).normalize();
    try (Stream<Path> files = Files.walk(root.resolve("handler/src/main"))) {
      assertThat(files.filter(Files::isRegularFile).anyMatch(this::mentionsHostArchitecture))
          .as("the check above would notice a reader: the handler has one")
          .isTrue();
    }
  }

  private boolean mentionsHostArchitecture(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.contains("\"os.arch\"") || text.contains("${os.arch}");
    } catch (IOException e) {
      return false;
    }
  }
}
