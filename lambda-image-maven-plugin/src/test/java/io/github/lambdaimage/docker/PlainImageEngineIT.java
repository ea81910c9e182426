package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Probes the real engine the environment points at (scripts/env-up.sh). */
class PlainImageEngineIT {

  private static final EngineEndpoint ENDPOINT = ImageEngineIT.ENDPOINT;

  @Test
  void seesAnImageExactlyAsDockerJavaDoes() {
    PlainImageEngine probe = PlainImageEngine.forEndpoint(ENDPOINT).orElseThrow();

    ImageState probed = probe.inspect(ImageVerifierIT.BASE).orElseThrow();

    try (DockerEngine engine = DockerEngine.connect(ENDPOINT)) {
      ImageState inspected =
          new DockerJavaImageEngine(() -> engine).inspect(ImageVerifierIT.BASE).orElseThrow();
      assertThat(probed).isEqualTo(inspected);
      assertThat(probed.platform()).isEqualTo("linux/amd64");
    }
  }

  @Test
  void absentImageIsEmpty() {
    PlainImageEngine probe = PlainImageEngine.forEndpoint(ENDPOINT).orElseThrow();

    assertThat(probe.inspect("lambda-image-it/never-built:nope")).isEmpty();
  }

  @Test
  void unreachableEngineFailsLikeTheClientDoes() {
    EngineEndpoint nowhere = new EngineEndpoint("tcp://127.0.0.1:1", "DOCKER_HOST", null);

    assertThatThrownBy(() -> PlainImageEngine.forEndpoint(nowhere).orElseThrow().inspect("x:1"))
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageStartingWith(
            "Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by DOCKER_HOST): "
                + "ConnectException: Connection refused. Start an engine");
  }

  @Test
  void tlsAndNamedPipeEndpointsAreLeftToTheClient() {
    assertThat(
            PlainImageEngine.forEndpoint(new EngineEndpoint("tcp://127.0.0.1:2376", "x", "/certs")))
        .isEmpty();
    assertThat(
            PlainImageEngine.forEndpoint(
                new EngineEndpoint("npipe:////./pipe/docker_engine", "x", null)))
        .isEmpty();
  }
}
