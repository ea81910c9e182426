package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.docker.EngineInfo;
import org.junit.jupiter.api.Test;

class RuntimeApiRouteTest {

  @Test
  void aLinuxEngineSharesTheHostNetworkAndReachesLoopback() {
    EngineInfo engine =
        new EngineInfo(
            "linux",
            "amd64",
            "20.10.24",
            "1.41",
            "Debian GNU/Linux 12 (bookworm)",
            EngineInfo.Kind.DOCKER,
            EngineInfo.ImageStore.CLASSIC);

    RuntimeApiRoute route = RuntimeApiRoute.forEngine(engine);

    assertThat(route).isEqualTo(new RuntimeApiRoute("host", "127.0.0.1"));
    assertThat(route.runtimeApi(9001)).isEqualTo("127.0.0.1:9001");
  }

  @Test
  void dockerDesktopKeepsItsNetworkAndGoesThroughHostDockerInternal() {
    EngineInfo engine =
        new EngineInfo(
            "linux",
            "arm64",
            "28.0.1",
            "1.48",
            "Docker Desktop",
            EngineInfo.Kind.DOCKER,
            EngineInfo.ImageStore.CONTAINERD);

    assertThat(RuntimeApiRoute.forEngine(engine).runtimeApi(9001))
        .isEqualTo("host.docker.internal:9001");
    assertThat(RuntimeApiRoute.forEngine(engine).networkMode()).isEqualTo("default");
  }
}
