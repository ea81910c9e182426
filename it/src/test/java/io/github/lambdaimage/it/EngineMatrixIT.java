package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.it.support.Engines;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user's path on each engine users run, as {@code scripts/engines.sh} lists them: the default
 * engine (Docker 20.10, classic image store, in the test environment), Docker 26 with the
 * containerd image store, Podman 5 through its Docker-compatible API. On each, in the default
 * {@code official} runtime mode on the test environment's official-shaped base, one copy of the
 * reference handler: {@code verify} builds and invokes both architectures, a second {@code package}
 * finds both up to date, {@code deploy} pushes both to {@code 127.0.0.1:5000/<engine>/hello} and
 * records digests the registry serves as single-platform manifests of the right architecture. No
 * build may log an {@code [ERROR]} line. Each copy carries a resource of its own run, so the
 * application image is built on every run, on each engine, from the dependencies image that engine
 * built or kept, and only {@code app/} is sent for it.
 */
class EngineMatrixIT {

  private static final String VERSION = "0.1.0-SNAPSHOT";

  /** The application image's context: the Dockerfile and {@code app/}, never the dependencies. */
  private static final long APPLICATION_CONTEXT_LIMIT = 64 * 1024;

  private static MavenBuild.Result handlerBuild(
      Engines.Engine engine, Path project, String step, String... args) {
    MavenBuild build =
        MavenBuild.of(project)
            .env("DOCKER_HOST", engine.dockerHost())
            .args(MavenBuild.WITHOUT_MODULE_TESTS)
            .args(
                "-Dlambda.arch=amd64,arm64",
                "-Dlambda.baseImage=" + TestRegistry.officialBaseImage(),
                "-Dlambda.image.repository=" + repository(engine))
            .args(args);
    MavenBuild.Result result = build.run();
    assertThat(result.succeeded())
        .as("%s, %s: build failed:%n%s", engine, step, result.log())
        .isTrue();
    assertThat(result.log().lines().filter(line -> line.startsWith("[ERROR]")))
        .as("%s, %s: [ERROR] lines in a successful build", engine, step)
        .isEmpty();
    return result;
  }

  private static String repository(Engines.Engine engine) {
    return TestRegistry.address() + "/" + engine.name() + "/hello";
  }

  /** The default engine (listed first) and the two the test environment adds beside it. */
  static Stream<Engines.Engine> engines() {
    return Stream.of(
        Engines.listed().get(0), Engines.named("docker-26-containerd"), Engines.named("podman-5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void buildsInvokesRebuildsNothingAndDeploysBothArchitecturesOnEveryEngine(Engines.Engine engine) {
    String name = engine.name();
    Path project = MavenBuild.ofModuleCopy("handler", "engine-matrix-" + name).projectDirectory();
    writeRunResource(project);

    MavenBuild.Result verify = handlerBuild(engine, project, "verify", "verify");
    for (Architecture architecture : Architecture.values()) {
      String prefix = "\\[" + architecture.dockerName() + "\\] ";
      assertThat(verify.log())
          .as("%s, verify: %s built on its dependencies image", engine, architecture)
          .containsPattern(
              prefix + "(Built|Reusing) dependencies image lambda-image-dependencies/");
      Matcher sent =
          Pattern.compile(prefix + "Sending build context of (\\d+) bytes").matcher(verify.log());
      assertThat(sent.find()).as("%s, verify: %s application built", engine, architecture).isTrue();
      assertThat(Long.parseLong(sent.group(1)))
          .as("%s, verify: bytes sent for the %s application image", engine, architecture)
          .isLessThan(APPLICATION_CONTEXT_LIMIT);
    }
    assertThat(verify.log())
        .as("%s, verify: answers from both architectures", engine)
        .containsPattern("\\[[^\\]]*amd64\\] Response to [^\\n]*\"architecture\":\"amd64\"")
        .containsPattern("\\[[^\\]]*arm64\\] Response to [^\\n]*\"architecture\":\"aarch64\"");

    MavenBuild.Result rerun = handlerBuild(engine, project, "rerun", "package");
    assertThat(rerun.log())
        .as("%s, rerun: both up to date", engine)
        .containsPattern("\\[amd64\\].*up to date")
        .containsPattern("\\[arm64\\].*up to date");

    handlerBuild(engine, project, "deploy", "deploy", "-Dlambda.skip.invoke");
    ImageRecords records = ImageRecords.inBuildDirectory(project.resolve("target"));
    String repositoryPath = engine.name() + "/hello";
    for (Architecture architecture : Architecture.values()) {
      ImageRecord record = records.read(architecture);
      assertThat(record.tag()).isEqualTo(VERSION + "-" + architecture.dockerName());
      assertThat(record.digest())
          .as("%s, deploy: digest recorded for %s", engine, architecture)
          .startsWith("sha256:");
      TestRegistry.Manifest manifest = TestRegistry.manifest(repositoryPath, record.digest());
      assertThat(manifest.mediaType())
          .as("%s, deploy: %s is a single-platform manifest", engine, architecture)
          .isIn(
              "application/vnd.docker.distribution.manifest.v2+json",
              "application/vnd.oci.image.manifest.v1+json");
      JsonNode config =
          TestRegistry.blob(repositoryPath, manifest.body().path("config").path("digest").asText());
      assertThat(config.path("architecture").asText())
          .as("%s, deploy: architecture of the %s manifest", engine, architecture)
          .isEqualTo(architecture.dockerName());
      assertThat(config.path("os").asText()).isEqualTo("linux");
    }
  }

  /**
   * A resource only this run has: the application jar, and so its image, differs from earlier runs.
   */
  private static void writeRunResource(Path project) {
    Path resource = project.resolve("src/main/resources/engine-matrix-run.txt");
    try {
      Files.createDirectories(resource.getParent());
      Files.writeString(resource, UUID.randomUUID() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
