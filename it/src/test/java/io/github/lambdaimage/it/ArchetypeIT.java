package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A new project from lambda-image-archetype, as a user makes one: {@code archetype:generate} into
 * an empty folder outside this reactor, then the project's own {@code ./mvnw verify} for both
 * architectures. The lambda-image artifacts come only from the local repository {@code
 * invoker:install} filled; nothing of this reactor is visible to the generated project.
 */
class ArchetypeIT {

  private static final String ARTIFACT_ID =
      "archetype-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String VERSION = "1.0.0-SNAPSHOT";

  private static Path folder;

  @AfterAll
  static void removeImagesAndFolder() throws IOException {
    TestEngine.removeArchitectureTags(ARTIFACT_ID, VERSION);
    if (folder != null) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void generatedProjectBuildsAndInvokesBothArchitecturesWithItsOwnWrapper() throws IOException {
    folder = Files.createTempDirectory("lambda-image-archetype-it-");
    Path empty = Files.createDirectory(folder.resolve("new"));
    assertThat(folder.toAbsolutePath().startsWith(repositoryRoot())).isFalse();

    MavenBuild.Result generated =
        MavenBuild.of(empty)
            .args(
                "org.apache.maven.plugins:maven-archetype-plugin:"
                    + System.getProperty("it.archetypePluginVersion")
                    + ":generate",
                "-DinteractiveMode=false",
                "-DarchetypeGroupId=io.github.lambdaimage",
                "-DarchetypeArtifactId=lambda-image-archetype",
                "-DarchetypeVersion=" + System.getProperty("it.projectVersion"),
                "-DgroupId=com.example",
                "-DartifactId=" + ARTIFACT_ID,
                "-Dversion=" + VERSION,
                "-Dpackage=com.example.hello")
            .run();
    assertThat(generated.succeeded()).as(generated.log()).isTrue();

    Path project = empty.resolve(ARTIFACT_ID);
    assertThat(project.resolve("mvnw")).isExecutable();
    assertThat(project.resolve(".mvn/wrapper/maven-wrapper.properties")).isRegularFile();
    assertThat(project.resolve(".github/workflows/ci.yml")).isRegularFile();
    assertThat(project.resolve(".github/workflows/deploy.yml")).isRegularFile();
    assertThat(project.resolve("handler/src/main/java/com/example/hello/Handler.java"))
        .isRegularFile();
    assertThat(project.resolve("infra/src/main/java/com/example/hello/FunctionApp.java"))
        .isRegularFile();

    MavenBuild.Result verified =
        MavenBuild.of(project)
            .withWrapper()
            .args(
                "verify",
                "-Dlambda.arch=amd64,arm64",
                "-Dlambda.runtime=custom",
                "-Dlambda.baseImage=" + TestRegistry.baseImage())
            .run();

    assertThat(verified.succeeded()).as(verified.log()).isTrue();
    assertThat(verified.log())
        .containsPattern(
            "\\["
                + ARTIFACT_ID
                + "-handler amd64\\] Response to hello.json [^\\n]*"
                + "\\{\"message\":\"Hello, Ada!\",\"architecture\":\"amd64\"\\}")
        .containsPattern(
            "\\["
                + ARTIFACT_ID
                + "-handler arm64\\] Response to hello.json [^\\n]*"
                + "\\{\"message\":\"Hello, Ada!\",\"architecture\":\"aarch64\"\\}")
        .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0")
        .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    ImageRecords records = ImageRecords.inBuildDirectory(project.resolve("handler/target"));
    assertThat(ImageRecords.readIndexFile(records.indexFile()))
        .extracting(ImageRecord::repository, ImageRecord::tag, ImageRecord::verifiedArchitecture)
        .containsExactly(
            tuple(ARTIFACT_ID, VERSION + "-amd64", "amd64"),
            tuple(ARTIFACT_ID, VERSION + "-arm64", "arm64"));
  }

  private static Path repositoryRoot() {
    return Paths.get(System.getProperty("it.repositoryRoot")).toAbsolutePath().normalize();
  }
}
