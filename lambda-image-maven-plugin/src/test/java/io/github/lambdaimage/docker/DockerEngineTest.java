package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs against the real engine the environment points at (scripts/env-up.sh). */
class DockerEngineTest {

  @Test
  void connectsToTheConfiguredEngineAndReportsIt() {
    try (DockerEngine engine = DockerEngine.connect()) {
      assertThat(engine.endpoint()).isNotBlank();
      assertThat(engine.endpointSource()).isNotBlank();
      EngineInfo info = engine.info();
      assertThat(info.os()).isEqualTo("linux");
      assertThat(info.architecture()).isIn("amd64", "arm64");
      assertThat(info.serverVersion()).isNotBlank();
      assertThat(engine.client().pingCmd().exec()).isNull();
    }
  }

  @Test
  void unreachableEngineFailsNamingEndpointSourceAndFix() {
    EngineEndpoint nowhere = new EngineEndpoint("tcp://127.0.0.1:1", "DOCKER_HOST", null);

    assertThatThrownBy(() -> DockerEngine.connect(nowhere))
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageStartingWith(
            "Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by DOCKER_HOST): ")
        .hasMessageContaining("Connection refused")
        .hasMessageEndingWith(
            "Start an engine (Docker Desktop or colima on a laptop; `sudo systemctl start"
                + " docker` or `sudo dockerd` on Linux), or point DOCKER_HOST at a running one,"
                + " e.g. DOCKER_HOST=unix:///var/run/docker.sock.")
        .message()
        .doesNotContain("scripts/");
  }

  @Test
  void unreachableEngineViaEnvironmentNamesDockerHost() {
    EngineEndpoint endpoint =
        new EngineEndpointResolver(
                name -> name.equals("DOCKER_HOST") ? "tcp://127.0.0.1:1" : null,
                Path.of("/nonexistent"))
            .resolve();

    assertThatThrownBy(() -> DockerEngine.connect(endpoint))
        .hasMessageStartingWith(
            "Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by DOCKER_HOST)");
  }
}
