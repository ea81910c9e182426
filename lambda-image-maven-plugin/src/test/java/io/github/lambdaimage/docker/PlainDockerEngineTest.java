package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the plain client does without an engine: no answer, a silent peer, its own encodings. */
class PlainDockerEngineTest {

  @Test
  void unreachableEngineFailsNamingEndpointSourceAndFix() {
    EngineEndpoint nowhere = new EngineEndpoint("tcp://127.0.0.1:1", "DOCKER_HOST", null);

    assertThatThrownBy(() -> new PlainDockerEngine(nowhere, Duration.ofSeconds(5)).inspect("x:1"))
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessage(
            "Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by DOCKER_HOST):"
                + " ConnectException: Connection refused. Start an engine (Docker Desktop, colima"
                + " or Podman on a laptop; `sudo dockerd` on Linux), or point DOCKER_HOST at a"
                + " running one, e.g. DOCKER_HOST=unix:///var/run/docker.sock.");
  }

  @Test
  void anEngineThatAcceptsAndNeverAnswersFailsAfterTheIdleLimitNamingWhatStalled()
      throws IOException {
    try (SilentEngine silent = SilentEngine.onLoopback()) {
      EngineEndpoint endpoint = new EngineEndpoint(silent.host(), "DOCKER_HOST", null);
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> new PlainDockerEngine(endpoint, Duration.ofSeconds(1)).inspect("app:1"))
          .isInstanceOf(EngineTimeoutException.class)
          .hasMessage(
              "The Docker Engine at "
                  + silent.host()
                  + " sent nothing for 1 s when asked to inspect image app:1. Check that it is"
                  + " responsive (docker info); if it is just slow (a build step that prints"
                  + " nothing for long), raise the limit with -Dlambda.engineTimeout=<seconds>.");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(silent.accepted()).isEqualTo(1);
    }
  }

  @Test
  void tlsAndNamedPipeEndpointsAreLeftToDockerJava() {
    assertThat(PlainDockerEngine.serves(new EngineEndpoint("unix:///run/docker.sock", "x", null)))
        .isTrue();
    assertThat(PlainDockerEngine.serves(new EngineEndpoint("tcp://127.0.0.1:2375", "x", null)))
        .isTrue();
    assertThat(PlainDockerEngine.serves(new EngineEndpoint("tcp://127.0.0.1:2376", "x", "/certs")))
        .isFalse();
    assertThat(
            PlainDockerEngine.serves(
                new EngineEndpoint("npipe:////./pipe/docker_engine", "x", null)))
        .isFalse();
  }

  @Test
  void registryAuthHeaderIsBase64UrlJsonWithTheServerAddress() throws IOException {
    String basic =
        PlainDockerEngine.registryAuth(
            new RegistryAuth("127.0.0.1:5000", "alice", "s3cret?>", null));
    String token =
        PlainDockerEngine.registryAuth(new RegistryAuth("127.0.0.1:5000", null, null, "refresh"));
    String anonymous = PlainDockerEngine.registryAuth(RegistryAuth.anonymous("127.0.0.1:5000"));

    assertThat(decode(basic))
        .isEqualTo(
            "{\"username\":\"alice\",\"password\":\"s3cret?>\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertThat(decode(token))
        .isEqualTo("{\"identitytoken\":\"refresh\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertThat(decode(anonymous)).isEqualTo("{\"serveraddress\":\"127.0.0.1:5000\"}");
    assertThat(basic).doesNotContain("+", "/");
    assertThat(new RegistryAuth("r", "alice", "s3cret", null).toString()).doesNotContain("s3cret");
  }

  @Test
  void engineInfoTellsPodmanAndTheContainerdImageStoreApart() throws IOException {
    EngineInfo docker =
        EngineAnswers.info(
            JsonText.readObject(
                "{\"Version\":\"26.1.5\",\"ApiVersion\":\"1.45\",\"Os\":\"linux\",\"Arch\":\"amd64\","
                    + "\"Components\":[{\"Name\":\"Engine\"},{\"Name\":\"containerd\"}]}"),
            JsonText.readObject(
                "{\"OperatingSystem\":\"Debian GNU/Linux 13 (trixie)\",\"DriverStatus\":"
                    + "[[\"driver-type\",\"io.containerd.snapshotter.v1\"]]}"));
    EngineInfo podman =
        EngineAnswers.info(
            JsonText.readObject(
                "{\"Version\":\"5.4.2\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\","
                    + "\"Arch\":\"amd64\",\"Components\":[{\"Name\":\"Podman Engine\"}]}"),
            JsonText.readObject(
                "{\"OperatingSystem\":\"debian\",\"DriverStatus\":"
                    + "[[\"Backing Filesystem\",\"extfs\"]]}"));

    assertThat(docker.kind()).isEqualTo(EngineInfo.Kind.DOCKER);
    assertThat(docker.imageStore()).isEqualTo(EngineInfo.ImageStore.CONTAINERD);
    assertThat(docker.describe())
        .isEqualTo(
            "Docker Engine 26.1.5 (API 1.45), linux/amd64, Debian GNU/Linux 13 (trixie),"
                + " containerd image store");
    assertThat(podman.kind()).isEqualTo(EngineInfo.Kind.PODMAN);
    assertThat(podman.imageStore()).isEqualTo(EngineInfo.ImageStore.CLASSIC);
    assertThat(podman.describe()).isEqualTo("Podman 5.4.2 (API 1.41), linux/amd64, debian");
  }

  private static String decode(String header) {
    return new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
  }
}
