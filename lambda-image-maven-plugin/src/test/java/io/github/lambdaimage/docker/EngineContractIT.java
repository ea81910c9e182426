package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.RawRegistry;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine operation through both clients: the plain one on every engine of the test
 * environment, docker-java forced over the default engine's socket. Tiny images are built from the
 * environment's amd64 base, pinned by digest so that each engine pulls it itself.
 */
class EngineContractIT {

  static final String REGISTRY = System.getProperty("lambda.test.registry", "127.0.0.1:5000");
  static final String BASE_NAME = REGISTRY + "/lambda-image-test/java-base";
  static String baseDigest;

  @TempDir Path temp;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String temporaryTag = "lambda-image-build/engine-contract-" + run + ":amd64";

  /** One client of one engine. */
  record Client(String name, DockerEngine engine) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void resolveBase() {
    baseDigest =
        new RegistryClient(RegistryCredentialProvider.anonymous(), BuildLog.silent())
            .resolvePlatform(ImageReference.parse(BASE_NAME + ":17"), Architecture.AMD64);
  }

  static Stream<Client> clients() {
    List<Client> clients = new ArrayList<>();
    for (TestEngines.Named engine : TestEngines.all()) {
      clients.add(new Client("plain " + engine.name(), TestEngines.plain(engine.endpoint())));
    }
    clients.add(
        new Client("docker-java default", TestEngines.dockerJava(TestEngines.defaultEndpoint())));
    return clients.stream();
  }

  private String base(DockerEngine engine) {
    engine.pullIfAbsent(BASE_NAME, baseDigest, "linux/amd64", () -> null, BuildLog.silent());
    return BASE_NAME + "@" + baseDigest;
  }

  private BuildSpec spec(String dockerfile, Map<String, String> buildArgs) throws IOException {
    Path context = Files.createDirectories(temp.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    return new BuildSpec(
        context,
        temp.resolve("context.tar"),
        "linux/amd64",
        Map.of("it.run." + run, "engine-contract", "it.cost", "$5 \"each\""),
        buildArgs,
        "test image",
        temporaryTag,
        null,
        null,
        "build");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void describesItself(Client client) {
    EngineInfo info = client.engine().info();

    assertThat(info.os()).isEqualTo("linux");
    assertThat(info.architecture()).isIn("amd64", "arm64");
    assertThat(info.serverVersion()).isNotBlank();
    assertThat(info.apiVersion()).matches("1\\.\\d+");
    if (client.name().contains("podman")) {
      assertThat(info.kind()).isEqualTo(EngineInfo.Kind.PODMAN);
    } else {
      assertThat(info.kind()).isEqualTo(EngineInfo.Kind.DOCKER);
    }
    assertThat(info.imageStore())
        .isEqualTo(
            client.name().contains("containerd")
                ? EngineInfo.ImageStore.CONTAINERD
                : EngineInfo.ImageStore.CLASSIC);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void buildsUnderTheTemporaryTagWithLabelsAndArgumentsAndLogsSteps(Client client)
      throws IOException {
    DockerEngine engine = client.engine();
    RecordingLog log = new RecordingLog();
    String base = base(engine);
    BuildSpec spec =
        spec(
            "FROM " + base + "\nARG GREETING\nLABEL greeting=\"${GREETING}\"\nCMD [\"x::y\"]\n",
            Map.of("GREETING", "hello world"));

    String id = engine.build(spec, log);
    try {
      assertThat(id).matches("sha256:[0-9a-f]{64}");
      ImageState image = engine.inspect(id).orElseThrow();
      assertThat(image.labels())
          .containsEntry("it.run." + run, "engine-contract")
          .containsEntry("it.cost", "$5 \"each\"")
          .containsEntry("greeting", "hello world");
      assertThat(image.startup()).containsExactly("x::y");
      assertThat(image.platform()).isEqualTo("linux/amd64");
      assertThat(engine.inspect(temporaryTag).orElseThrow().id()).isEqualTo(id);
      assertThat(engine.imagesLabelled("it.run." + run)).containsExactly(id);
      assertThat(log.infos().get(0)).matches("Sending build context of \\d+ bytes to the engine");
      assertThat(log.infos().subList(1, log.infos().size()))
          .hasSize(5)
          .satisfies(
              steps ->
                  assertThat(steps.get(0)).containsIgnoringCase("1/5").endsWith("FROM " + base))
          .satisfies(
              steps ->
                  assertThat(steps.get(4)).contains("LABEL \"it.cost\"=\"\\$5 \\\"each\\\"\""));
      assertThat(temp.resolve("context.tar")).doesNotExist();
    } finally {
      engine.removeQuietly(temporaryTag);
    }
    assertThat(engine.inspect(id)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void failingStepIsNamedWithTheTailOfItsOutput(Client client) throws IOException {
    DockerEngine engine = client.engine();
    BuildSpec spec =
        spec(
            "FROM "
                + base(engine)
                + "\nRUN echo preparing && sleep 1 && echo it broke >&2 && exit 3\n",
            Map.of());

    ImageBuildException failure =
        catchThrowableOfType(
            () -> engine.build(spec, BuildLog.silent()), ImageBuildException.class);
    assumeFalse(
        failure != null && failure.getMessage().contains("error setting rlimit"),
        "this engine cannot run RUN steps here (its runtime may not set rlimits): " + failure);
    assertThat(failure)
        .hasMessageStartingWith("Building test image for linux/amd64 failed at ")
        .hasMessageContainingAll(
            "2/3", "RUN echo preparing && sleep 1 && echo it broke >&2 && exit 3")
        .hasMessageEndingWith(
            "\nLast output of that step:\n  preparing\n  it broke\n"
                + "Run with -X to see the whole build output.");
    assertThat(engine.inspect(temporaryTag)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void dockerfileTheEngineRefusesIsABuildFailureWithItsReason(Client client) throws IOException {
    DockerEngine engine = client.engine();
    BuildSpec spec = spec("FROM " + base(engine) + "\nFROBNICATE everything\n", Map.of());

    assertThatThrownBy(() -> engine.build(spec, BuildLog.silent()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith("Building test image for linux/amd64 failed ")
        .hasMessageContaining("FROBNICATE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void tagsMoveAndRemovingATagKeepsTheImage(Client client) {
    DockerEngine engine = client.engine();
    String baseId = engine.inspect(base(engine)).orElseThrow().id();
    String moved = "lambda-image-test/engine-contract-" + run + ":moved";
    try {
      engine.tag(baseId, moved.substring(0, moved.indexOf(':')), "moved");
      assertThat(engine.inspect(moved).orElseThrow().id()).isEqualTo(baseId);
    } finally {
      engine.removeQuietly(moved);
    }
    assertThat(engine.inspect(moved)).isEmpty();
    assertThat(engine.inspect(baseId)).isPresent();
    engine.removeQuietly("lambda-image-test/never-built:nope");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pullsThePlatformsManifestByDigestOnlyWhenTheEngineLacksIt(Client client) {
    DockerEngine engine = client.engine();
    base(engine);
    RecordingLog log = new RecordingLog();

    engine.pullIfAbsent(BASE_NAME, baseDigest, "linux/amd64", () -> null, log);

    assertThat(engine.inspect(BASE_NAME + "@" + baseDigest).orElseThrow().platform())
        .isEqualTo("linux/amd64");
    assertThat(log.infos()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pullOfADigestTheRegistryLacksFailsNamingImageAndPlatform(Client client) {
    String absent = "sha256:" + "0".repeat(64);

    assertThatThrownBy(
            () ->
                client
                    .engine()
                    .pullIfAbsent(BASE_NAME, absent, "linux/amd64", () -> null, BuildLog.silent()))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "Cannot pull base image " + BASE_NAME + "@" + absent + " for linux/amd64: ")
        .hasMessageEndingWith(
            ". Check that the registry is reachable from the Docker Engine and that the"
                + " credentials found for it are valid.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void runsASandboxedContainerFollowsItsOutputWaitsForItsExitAndRemovesIt(Client client)
      throws Exception {
    DockerEngine engine = client.engine();
    String id =
        engine.build(
            spec(
                "FROM "
                    + base(engine)
                    + "\nCMD [\"sh\", \"-c\", \""
                    + "echo $GREETING; echo to stderr >&2; id -u; id -g;"
                    + " grep -E '^(CapEff|NoNewPrivs):' /proc/self/status | tr -d '\\\\t';"
                    + " cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null;"
                    + " touch /tmp/written && echo /tmp is writable;"
                    + " touch /written 2>/dev/null || echo / is read-only; exit 3\"]\n",
                Map.of()),
            BuildLog.silent());
    String label = "io.github.lambdaimage.test.run";
    String container = null;
    try {
      container =
          engine.createContainer(
              new ContainerSpec(
                  id,
                  "lambda-image-engine-contract-" + run,
                  "linux/amd64",
                  Map.of("GREETING", "hello from the container"),
                  Map.of(label, run),
                  "none",
                  64L * 1024 * 1024,
                  Map.of("/tmp", "rw,size=1m,mode=1777"),
                  "993:990",
                  100));
      assertThat(engine.containersLabelled(label)).containsEntry(container, run);
      engine.startContainer(container);
      Collected output = new Collected();
      String started = container;
      CompletableFuture<Void> logs =
          CompletableFuture.runAsync(() -> engine.followLogs(started, output));

      assertThat(engine.waitContainer(container)).isEqualTo(3);
      logs.get(10, TimeUnit.SECONDS);
      // stdout and stderr are separate pipes: their order is not kept
      assertThat(output.text().split("\n"))
          .containsExactlyInAnyOrder(
              "hello from the container",
              "to stderr",
              "993",
              "990",
              "CapEff:0000000000000000",
              "NoNewPrivs:1",
              "100",
              "/tmp is writable",
              "/ is read-only");
      assertThat(output.ended).isTrue();
    } finally {
      if (container != null) {
        engine.removeContainer(container);
        engine.removeContainer(container);
      }
      engine.removeQuietly(temporaryTag);
    }
    assertThat(engine.containersLabelled(label)).doesNotContainKey(container);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void creatingAContainerOfAnAbsentImageSaysSo(Client client) {
    assertThatThrownBy(
            () ->
                client
                    .engine()
                    .createContainer(
                        new ContainerSpec(
                            "lambda-image-test/never-built:nope",
                            "lambda-image-engine-contract-absent-" + run,
                            "linux/amd64",
                            Map.of(),
                            Map.of(),
                            "none",
                            64L * 1024 * 1024,
                            Map.of(),
                            "993:990",
                            100)))
        .isInstanceOf(NoSuchImageException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pushesWithProgressToTheRegistry(Client client) throws IOException {
    DockerEngine engine = client.engine();
    String repository = RawRegistry.uniqueRepository("engine-contract");
    String tag = client.name().replaceAll("[^a-z0-9]+", "-");
    String id =
        engine.build(
            spec("FROM " + base(engine) + "\nLABEL pushed=" + run + "\n", Map.of()),
            BuildLog.silent());
    RawRegistry raw = new RawRegistry(REGISTRY);
    try {
      engine.tag(id, REGISTRY + "/" + repository, tag);
      List<ProgressMessage> messages = new ArrayList<>();

      engine.push(
          REGISTRY + "/" + repository, tag, RegistryAuth.anonymous(REGISTRY), messages::add);

      assertThat(messages).isNotEmpty().allMatch(message -> message.error() == null);
      RawRegistry.Served served = raw.manifest(repository, tag);
      assertThat(served.digestHeader()).startsWith("sha256:");
      raw.deleteManifest(repository, served.digestHeader());
    } finally {
      engine.removeQuietly(REGISTRY + "/" + repository + ":" + tag);
      engine.removeQuietly(temporaryTag);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pushToAnUnreachableRegistryReportsTheEnginesError(Client client) {
    DockerEngine engine = client.engine();
    String baseId = engine.inspect(base(engine)).orElseThrow().id();
    String target = "127.0.0.1:1/lambda-image-test/engine-contract-" + run;
    try {
      engine.tag(baseId, target, "x");
      List<ProgressMessage> messages = new ArrayList<>();

      engine.push(target, "x", RegistryAuth.anonymous("127.0.0.1:1"), messages::add);

      assertThat(messages).anyMatch(message -> message.error() != null);
    } finally {
      engine.removeQuietly(target + ":x");
    }
  }

  /** Output collected from a container. */
  private static final class Collected implements ContainerOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean ended;

    @Override
    public synchronized void accept(byte[] data, int offset, int length) {
      bytes.write(data, offset, length);
    }

    @Override
    public void end() {
      ended = true;
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
