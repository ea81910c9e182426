package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Version;
import io.github.lambdaimage.it.support.Engines;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test environment that scripts/env-up.sh brings up is real: both architectures, the engines
 * scripts/engines.sh lists, and the official-shaped Lambda Java base image.
 */
class EnvironmentIT {

  private static final String BASE_REPOSITORY = "lambda-image-test/java-base";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode engineJson(Engines.Engine engine, String path) throws Exception {
    Engines.Response response = Engines.get(engine.dockerHost(), path);
    assertThat(response.status()).as("%s GET %s: %s", engine, path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String officialRepository() {
    String withoutRegistry =
        TestRegistry.officialBaseImage().substring(TestRegistry.address().length() + 1);
    return withoutRegistry.substring(0, withoutRegistry.lastIndexOf(':'));
  }

  private static String officialTag() {
    String image = TestRegistry.officialBaseImage();
    return image.substring(image.lastIndexOf(':') + 1);
  }

  @Test
  void engineAnswers() {
    TestEngine.client().pingCmd().exec();
    Version version = TestEngine.client().versionCmd().exec();
    assertThat(version.getOperatingSystem()).isEqualTo("linux");
    assertThat(version.getApiVersion()).isNotBlank();
  }

  @Test
  void baseImageIsAnIndexWithAnAmd64AndAnArm64Manifest() {
    TestRegistry.Manifest index = TestRegistry.manifest(BASE_REPOSITORY, "17");

    assertThat(index.mediaType())
        .isIn(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(TestRegistry.platformDigests(BASE_REPOSITORY, "17"))
        .containsOnlyKeys("linux/amd64", "linux/arm64");
  }

  @ParameterizedTest
  @CsvSource({"amd64, amd64", "arm64, aarch64"})
  void eachPlatformManifestIsAnImageOfItsArchitectureRunningJava(
      String architecture, String javaOsArch) throws Exception {
    String platform = "linux/" + architecture;
    String pinned = TestRegistry.pinnedBase(platform);

    TestEngine.pull(pinned, platform);
    InspectImageResponse image = TestEngine.client().inspectImageCmd(pinned).exec();
    assertThat(image.getOs()).isEqualTo("linux");
    assertThat(image.getArch()).isEqualTo(architecture);

    TestEngine.Run run =
        TestEngine.run(pinned, platform, "java", "-XshowSettings:properties", "-version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("os.arch = " + javaOsArch);
  }

  @Test
  void enginesScriptListsTheDefaultEngineContainerdStorePodmanAndARemoteEngine() {
    assertThat(Engines.listed())
        .extracting(Engines.Engine::name)
        .contains("docker-26-containerd", "podman-5", "docker-remote")
        .anyMatch(name -> name.matches("docker-\\d+\\.\\d+"));
  }

  @ParameterizedTest
  @CsvSource({"docker-26-containerd, 26.", "podman-5, 5.", "docker-remote, 20.10."})
  void eachListedEngineAnswersWithItsVersionForLinux(String name, String versionPrefix)
      throws Exception {
    JsonNode version = engineJson(Engines.named(name), "/version");

    assertThat(version.path("Version").asText()).startsWith(versionPrefix);
    assertThat(version.path("Os").asText()).isEqualTo("linux");
    assertThat(version.path("ApiVersion").asText()).matches("1\\.\\d+");
  }

  @Test
  void dockerWithTheContainerdStoreReportsTheContainerdSnapshotter() throws Exception {
    JsonNode info = engineJson(Engines.named("docker-26-containerd"), "/info");

    List<String> driverStatus = new ArrayList<>();
    info.path("DriverStatus")
        .forEach(pair -> driverStatus.add(pair.get(0).asText() + "=" + pair.get(1).asText()));
    assertThat(driverStatus).contains("driver-type=io.containerd.snapshotter.v1");
  }

  @Test
  void podmanIdentifiesItselfAsPodmanEngine() throws Exception {
    JsonNode version = engineJson(Engines.named("podman-5"), "/version");

    List<String> components = new ArrayList<>();
    version
        .path("Components")
        .forEach(component -> components.add(component.path("Name").asText()));
    assertThat(components).contains("Podman Engine");
  }

  @Test
  void dockerRemoteAnswersOverTcpOnItsOwnAddressAndNamesThisHostsAddress() {
    Engines.Engine remote = Engines.named("docker-remote");

    assertThat(remote.dockerHost()).matches("tcp://10\\.\\d+\\.\\d+\\.\\d+:2375");
    assertThat(remote.hostAddress()).matches("10\\.\\d+\\.\\d+\\.\\d+");
    assertThat(Engines.get(remote.dockerHost(), "/_ping"))
        .isEqualTo(new Engines.Response(200, "OK"));
  }

  @Test
  void officialShapedBaseIsAnIndexOfAmd64AndArm64LaidOutLikeTheLambdaJavaImage() {
    assertThat(TestRegistry.platformDigests(officialRepository(), officialTag()))
        .containsOnlyKeys("linux/amd64", "linux/arm64");
    for (String digest :
        TestRegistry.platformDigests(officialRepository(), officialTag()).values()) {
      TestRegistry.Manifest manifest = TestRegistry.manifest(officialRepository(), digest);
      JsonNode config =
          TestRegistry.blob(
                  officialRepository(), manifest.body().path("config").path("digest").asText())
              .path("config");
      assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/lambda-entrypoint.sh\"]");
      assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/task");
      assertThat(config.path("Env").toString())
          .contains("\"LAMBDA_TASK_ROOT=/var/task\"", "\"LAMBDA_RUNTIME_DIR=/var/runtime\"");
    }
  }

  @ParameterizedTest
  @CsvSource({"linux/amd64", "linux/arm64"})
  void officialShapedEntrypointExistsAndWantsTheHandlerAsItsOneArgument(String platform) {
    String pinned =
        TestRegistry.address()
            + "/"
            + officialRepository()
            + "@"
            + TestRegistry.platformDigests(officialRepository(), officialTag()).get(platform);
    TestEngine.pull(pinned, platform);

    TestEngine.Run run = TestEngine.run(pinned, platform, "/lambda-entrypoint.sh");

    assertThat(run.exitCode()).isEqualTo(142);
    assertThat(run.output()).contains("expected exactly one argument, the handler");
  }
}
