package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.PlainDockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.it.support.Engines;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One Maven command builds each architecture on its own engine: amd64 on the default engine, arm64
 * on {@code docker-remote} of {@code scripts/engines.sh} (an engine in a network namespace of its
 * own, reached over TCP, standing in for a builder on another machine), set as {@code
 * lambda.dockerHost.arm64}. The images must exist only on their own engines, both must push from
 * there, the up-to-date check must hold per engine, and an unreachable per-architecture engine
 * fails only that architecture. Both images are invoked on their own engines: the Runtime API
 * listens on this host's address as {@code docker-remote} reaches it, which the default engine's
 * containers (on this host's network) reach too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeBuildersIT {

  private static final String REMOTE = "docker-remote";
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final String REPOSITORY_PATH =
      "lambda-image-e2e/native-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REPOSITORY = TestRegistry.address() + "/" + REPOSITORY_PATH;

  private static PlainDockerEngine local;
  private static PlainDockerEngine remote;
  private static MavenBuild handler;
  private static String hostAddress;

  @BeforeAll
  static void findTheEngines() {
    Engines.Engine listed =
        Engines.listed().stream()
            .filter(engine -> engine.name().equals(REMOTE))
            .findFirst()
            .orElse(null);
    assumeTrue(
        listed != null,
        "scripts/engines.sh lists no "
            + REMOTE
            + " engine (scripts/env-up.sh without --default-engine-only brings it up)");
    hostAddress = listed.hostAddress();
    EngineEndpoint remoteEndpoint =
        new EngineEndpoint(listed.dockerHost(), "scripts/engines.sh", null);
    EngineEndpoint localEndpoint = TestEngines.defaultEndpoint();
    assumeTrue(
        !remoteEndpoint.host().equals(localEndpoint.host()),
        "the default engine is " + REMOTE + " itself");
    remote = TestEngines.plain(remoteEndpoint);
    local = TestEngines.plain(localEndpoint);
    handler = MavenBuild.ofModuleCopy("handler", "native-builders");
  }

  @AfterAll
  static void removeTags() {
    for (PlainDockerEngine engine : new PlainDockerEngine[] {local, remote}) {
      if (engine != null) {
        for (Architecture architecture : Architecture.values()) {
          engine.removeQuietly(tag(architecture));
        }
      }
    }
  }

  private static String tag(Architecture architecture) {
    return REPOSITORY + ":" + VERSION + "-" + architecture;
  }

  private static MavenBuild.Result build(String arm64Engine, String... args) {
    return MavenBuild.of(handler.projectDirectory())
        .args(MavenBuild.WITHOUT_MODULE_TESTS)
        .args(
            "-Dlambda.arch=amd64,arm64",
            "-Dlambda.runtime=custom",
            "-Dlambda.baseImage=" + TestRegistry.baseImage(),
            "-Dlambda.image.repository=" + REPOSITORY,
            "-Dlambda.runtimeApi.bind=" + hostAddress,
            "-Dlambda.runtimeApi.host=" + hostAddress,
            "-Dlambda.dockerHost.arm64=" + arm64Engine)
        .args(args)
        .run();
  }

  private static ImageRecords records() {
    return ImageRecords.inBuildDirectory(handler.projectDirectory().resolve("target"));
  }

  /** The line saying which engine arm64 used, and that it runs natively or emulated there. */
  private static String remoteArm64Line() {
    return "[arm64] Engine "
        + remote.endpoint().host()
        + " (chosen by lambda.dockerHost.arm64): "
        + remote.info().describe()
        + "; arm64 runs "
        + remote.info().runs(Architecture.ARM64);
  }

  @Test
  @Order(1)
  void deployBuildsInvokesAndPushesEachArchitectureFromItsOwnEngine() {
    MavenBuild.Result result = build(remote.endpoint().host(), "deploy");

    assertThat(result.succeeded()).as(result.log()).isTrue();
    assertThat(result.log())
        .containsPattern("\\[[^\\]]*amd64\\] Response to [^\\n]*\"architecture\":\"amd64\"")
        .containsPattern("\\[[^\\]]*arm64\\] Response to [^\\n]*\"architecture\":\"aarch64\"");
    assertThat(result.log()).contains(remoteArm64Line());
    assertThat(result.log()).containsPattern("\\[amd64\\] Engine .* amd64 runs ");
    assertThat(result.log())
        .contains("(linux/arm64) from the engine at " + remote.endpoint().host());

    ImageRecord amd64 = records().read(Architecture.AMD64);
    ImageRecord arm64 = records().read(Architecture.ARM64);
    assertThat(arm64.engine()).isEqualTo(remote.endpoint().host());
    assertThat(amd64.engine()).isEqualTo(local.endpoint().recordedHost());
    assertThat(remote.inspect(tag(Architecture.ARM64)).orElseThrow().id())
        .isEqualTo(arm64.imageId());
    assertThat(local.inspect(tag(Architecture.ARM64))).isEmpty();
    assertThat(local.inspect(arm64.imageId())).isEmpty();
    assertThat(local.inspect(tag(Architecture.AMD64)).orElseThrow().id())
        .isEqualTo(amd64.imageId());
    assertThat(remote.inspect(tag(Architecture.AMD64))).isEmpty();
    assertThat(remote.inspect(amd64.imageId())).isEmpty();

    for (ImageRecord record : new ImageRecord[] {amd64, arm64}) {
      assertThat(TestRegistry.servedPlatform(REPOSITORY_PATH, record.digest()))
          .isEqualTo(record.platform());
    }
    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::digest)
        .containsExactly(amd64.digest(), arm64.digest());
  }

  @Test
  @Order(2)
  void aSecondBuildFindsEachImageUpToDateOnItsOwnEngine() {
    MavenBuild.Result result = build(remote.endpoint().host(), "package");

    assertThat(result.succeeded()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains("[amd64] Image " + tag(Architecture.AMD64) + " is up to date")
        .contains("[arm64] Image " + tag(Architecture.ARM64) + " is up to date")
        .contains(remoteArm64Line())
        .doesNotContain("] Building " + REPOSITORY);
  }

  @Test
  @Order(3)
  void anUnreachableArchitectureEngineFailsThatArchitectureAndWritesNothingForIt()
      throws Exception {
    handler = MavenBuild.ofModuleCopy("handler", "native-builders-unreachable");
    String closedPort = remote.endpoint().host().replaceFirst(":\\d+$", ":1");

    MavenBuild.Result result = build(closedPort, "package");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.log())
        .containsPattern(
            Pattern.quote(
                    "Cannot reach the Docker Engine at "
                        + closedPort
                        + " (chosen by lambda.dockerHost.arm64): ")
                + ".*"
                + Pattern.quote(
                    "point lambda.dockerHost.arm64 at a running one (without it, this"
                        + " architecture uses DOCKER_HOST's engine)."))
        .contains("[amd64] Image " + tag(Architecture.AMD64) + " is up to date");
    assertThat(records().imageFile(Architecture.ARM64)).doesNotExist();
    assertThat(Files.exists(records().imageFile(Architecture.AMD64))).isTrue();
    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::architecture)
        .containsExactly(Architecture.AMD64);
  }
}
