package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.log.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both engine clients, the plain requests and docker-java, do the same work on the real engine:
 * tiny images built from the test environment's amd64 base, tagged, pulled and removed.
 */
class ImageEngineTest {

  static final EngineEndpoint ENDPOINT =
      new EngineEndpointResolver(System::getenv, Path.of(System.getProperty("user.home")))
          .resolve();

  static DockerEngine dockerJava;
  static String baseId;
  @TempDir Path temp;

  @BeforeAll
  static void connect() {
    dockerJava = DockerEngine.connect(ENDPOINT);
    baseId = plain().inspect(ImageVerifierTest.BASE).orElseThrow().id();
  }

  @AfterAll
  static void close() {
    dockerJava.close();
  }

  static PlainImageEngine plain() {
    return PlainImageEngine.forEndpoint(ENDPOINT).orElseThrow();
  }

  static Stream<ImageEngine> clients() {
    return Stream.of(plain(), new DockerJavaImageEngine(() -> dockerJava));
  }

  private BuildSpec spec(String dockerfile, Map<String, String> buildArgs) throws IOException {
    Path context = Files.createDirectories(temp.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    return new BuildSpec(
        context,
        temp.resolve("context.tar"),
        "linux/amd64",
        Map.of("it.test", "image-builder", "it.cost", "$5 \"each\""),
        buildArgs,
        "test image",
        TEMPORARY_TAG);
  }

  static final String TEMPORARY_TAG = "lambda-image-build/image-engine-test:amd64";

  @ParameterizedTest
  @MethodSource("clients")
  void buildsUnderTheTemporaryTagWithLabelsAndArgumentsAndLogsSteps(ImageEngine engine)
      throws IOException {
    RecordingLog log = new RecordingLog();
    BuildSpec spec =
        spec(
            "FROM " + baseId + "\nARG GREETING\nLABEL greeting=\"${GREETING}\"\nCMD [\"x::y\"]\n",
            Map.of("GREETING", "hello world"));

    String id = engine.build(spec, log);
    try {
      assertThat(id).matches("sha256:[0-9a-f]{64}");
      ImageState image = plain().inspect(id).orElseThrow();
      assertThat(image.labels())
          .containsEntry("it.test", "image-builder")
          .containsEntry("it.cost", "$5 \"each\"")
          .containsEntry("greeting", "hello world");
      assertThat(image.startup()).containsExactly("x::y");
      assertThat(image.platform()).isEqualTo("linux/amd64");
      assertThat(dockerJava.client().inspectImageCmd(id).exec().getRepoTags())
          .containsExactly(TEMPORARY_TAG);
      assertThat(log.infos().get(0)).matches("Sending build context of \\d+ bytes to the engine");
      assertThat(log.infos().subList(1, log.infos().size()))
          .containsExactly(
              "Step 1/5 : FROM " + baseId,
              "Step 2/5 : ARG GREETING",
              "Step 3/5 : LABEL greeting=\"${GREETING}\"",
              "Step 4/5 : CMD [\"x::y\"]",
              "Step 5/5 : LABEL \"it.cost\"=\"\\$5 \\\"each\\\"\" \"it.test\"=\"image-builder\"");
      assertThat(temp.resolve("context.tar")).doesNotExist();
    } finally {
      engine.removeQuietly(TEMPORARY_TAG);
    }
    assertThat(plain().inspect(id)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("clients")
  void failingStepIsNamedWithTheTailOfItsOutput(ImageEngine engine) throws IOException {
    BuildSpec spec =
        spec(
            "FROM " + baseId + "\nRUN echo preparing && sleep 1 && echo it broke >&2 && exit 3\n",
            Map.of());

    assertThatThrownBy(() -> engine.build(spec, BuildLog.silent()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith(
            "Building test image for linux/amd64 failed at Step 2/3 : RUN echo preparing && sleep 1"
                + " && echo it broke >&2 && exit 3: The command '/bin/sh -c echo preparing && sleep 1"
                + " && echo it broke >&2 && exit 3' returned a non-zero code: 3")
        .hasMessageEndingWith(
            "\nLast output of that step:\n  preparing\n  it broke\n"
                + "Run with -X to see the whole build output.");
    assertThat(plain().inspect(TEMPORARY_TAG)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("clients")
  void dockerfileTheEngineRefusesIsABuildFailureWithItsReason(ImageEngine engine)
      throws IOException {
    BuildSpec spec = spec("FROM " + baseId + "\nFROBNICATE everything\n", Map.of());

    assertThatThrownBy(() -> engine.build(spec, BuildLog.silent()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith(
            "Building test image for linux/amd64 failed before the first step: ")
        .hasMessageContaining("dockerfile parse error line 2: unknown instruction: FROBNICATE");
  }

  @ParameterizedTest
  @MethodSource("clients")
  void tagsMoveAndRemovingATagKeepsTheImage(ImageEngine engine) {
    String repository = "lambda-image-test/image-engine-" + engine.getClass().getSimpleName();
    try {
      engine.tag(baseId, repository.toLowerCase(), "moved");
      assertThat(plain().inspect(repository.toLowerCase() + ":moved").orElseThrow().id())
          .isEqualTo(baseId);
    } finally {
      engine.removeQuietly(repository.toLowerCase() + ":moved");
    }
    assertThat(plain().inspect(repository.toLowerCase() + ":moved")).isEmpty();
    assertThat(plain().inspect(baseId)).isPresent();
    engine.removeQuietly("lambda-image-test/never-built:nope");
  }

  @ParameterizedTest
  @MethodSource("clients")
  void pullsThePlatformsManifestByDigestWhenTheEngineLacksIt(ImageEngine engine) {
    String name = ImageVerifierTest.BASE.substring(0, ImageVerifierTest.BASE.lastIndexOf(':'));
    String digest = amd64Digest(name);
    String byDigest = name + "@" + digest;
    engine.removeQuietly(byDigest);
    assertThat(plain().inspect(byDigest)).isEmpty();
    RecordingLog log = new RecordingLog();

    engine.pullIfAbsent(name, digest, "linux/amd64", () -> null, log);
    engine.pullIfAbsent(name, digest, "linux/amd64", () -> null, log);

    assertThat(plain().inspect(byDigest).orElseThrow().platform()).isEqualTo("linux/amd64");
    assertThat(log.infos()).containsExactly("Pulling " + byDigest + " for linux/amd64");
  }

  @ParameterizedTest
  @MethodSource("clients")
  void pullOfADigestTheRegistryLacksFailsNamingImageAndPlatform(ImageEngine engine) {
    String name = ImageVerifierTest.BASE.substring(0, ImageVerifierTest.BASE.lastIndexOf(':'));
    String absent = "sha256:" + "0".repeat(64);

    assertThatThrownBy(
            () -> engine.pullIfAbsent(name, absent, "linux/amd64", () -> null, BuildLog.silent()))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "Cannot pull base image " + name + "@" + absent + " for linux/amd64: ")
        .hasMessageEndingWith(
            ". Check that the registry is reachable from the Docker Engine and that the"
                + " credentials found for it are valid.");
  }

  /** The registry digest the engine recorded for the amd64 base, {@code sha256:…}. */
  private static String amd64Digest(String name) {
    List<String> digests = dockerJava.client().inspectImageCmd(baseId).exec().getRepoDigests();
    return digests.stream()
        .filter(digest -> digest.startsWith(name + "@"))
        .map(digest -> digest.substring(name.length() + 1))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " has no digest: run env-up.sh"));
  }
}
