package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineInfo;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RuntimeApiRouteTest {
  private static final String KERNEL = "6.1.0-18-amd64";
  private static final EngineEndpoint SOCKET =
      new EngineEndpoint("unix:///var/run/docker.sock", "the default socket", null);
  private static final EngineEndpoint REMOTE =
      new EngineEndpoint("tcp://10.213.0.2:2375", "DOCKER_HOST", null);

  @Test
  void anEngineOnThisHostSharesItsNetworkAndCallsLoopback() {
    RuntimeApiRoute route = choose(engine("Debian GNU/Linux 12 (bookworm)", "box"), SOCKET, none());

    assertThat(route.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(route.networkMode()).isEqualTo("host");
    assertThat(route.runtimeApi(9001)).isEqualTo("127.0.0.1:9001");
    assertThat(route.exposed()).isFalse();
  }

  @Test
  void anEngineOnLoopbackTcpIsOnThisHostToo() {
    EngineEndpoint tcp = new EngineEndpoint("tcp://127.0.0.1:2375", "DOCKER_HOST", null);

    assertThat(choose(engine("Debian", "box"), tcp, none()).runtimeApi(9001))
        .isEqualTo("127.0.0.1:9001");
  }

  @Test
  void dockerDesktopKeepsItsNetworkAndGoesThroughHostDockerInternal() {
    RuntimeApiRoute route = choose(engine("Docker Desktop", "docker-desktop"), SOCKET, none());

    assertThat(route.runtimeApi(9001)).isEqualTo("host.docker.internal:9001");
    assertThat(route.networkMode()).isEqualTo("default");
    assertThat(route.bindAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void dockerDesktopIsAlsoKnownByItsLabel() {
    EngineInfo desktop =
        engine(
            EngineInfo.Kind.DOCKER,
            "Ubuntu 24.04",
            "docker-desktop",
            "6.10.14-linuxkit",
            List.of("com.docker.desktop.address=unix:///Users/ada/Library/docker-cli.sock"));

    assertThat(choose(desktop, SOCKET, none()).runtimeApi(9001))
        .isEqualTo("host.docker.internal:9001");
  }

  @Test
  void colimaOnAMacCallsHostLimaInternal() {
    EngineEndpoint colima =
        new EngineEndpoint(
            "unix:///Users/ada/.colima/default/docker.sock", "Docker context 'colima'", null);

    RuntimeApiRoute route =
        RuntimeApiRoute.choose(
            engine("Ubuntu 24.04.1 LTS", "colima"), colima, RuntimeApiAddresses.DETECTED, null);

    assertThat(route.runtimeApi(9001)).isEqualTo("host.lima.internal:9001");
    assertThat(route.networkMode()).isEqualTo("host");
    assertThat(route.bindAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void aLimaMachineOnLinuxIsToldApartByItsKernel() {
    EngineInfo lima = engine("Ubuntu 24.04.1 LTS", "lima-docker", "6.8.0-45-generic");
    EngineEndpoint socket =
        new EngineEndpoint("unix:///home/ada/.lima/docker/sock/docker.sock", "DOCKER_HOST", null);

    assertThat(choose(lima, socket, none()).runtimeApiHost()).isEqualTo("host.lima.internal");
  }

  @Test
  void aPodmanMachineCallsHostContainersInternal() {
    EngineInfo machine =
        engine(
            EngineInfo.Kind.PODMAN,
            "fedora",
            "localhost.localdomain",
            "6.9.12-200.fc40.aarch64",
            List.of());

    assertThat(choose(machine, SOCKET, none()).runtimeApi(9001))
        .isEqualTo("host.containers.internal:9001");
  }

  @Test
  void podmanOnThisHostSharesItsNetworkLikeDocker() {
    EngineInfo podman = engine(EngineInfo.Kind.PODMAN, "debian", "box", KERNEL, List.of());

    assertThat(choose(podman, SOCKET, none()).runtimeApi(9001)).isEqualTo("127.0.0.1:9001");
  }

  @Test
  void aRemoteEngineWithoutAddressesFailsAtOnceNamingBothProperties() {
    assertThatThrownBy(() -> choose(engine("Debian GNU/Linux 12", "box"), REMOTE, none()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The function's container cannot reach the Runtime API on this machine's 127.0.0.1:"
                + " the Docker Engine at tcp://10.213.0.2:2375 (chosen by DOCKER_HOST) does not"
                + " share this machine's network (its address tcp://10.213.0.2:2375 is not on this"
                + " machine), and it is none of the engines known to forward a host name here"
                + " (Docker Desktop, colima or Lima, a Podman machine). Set lambda.runtimeApi.bind"
                + " to an address of this machine that the engine reaches, for the Runtime API to"
                + " listen on, and lambda.runtimeApi.host to the name or address the container"
                + " calls it at (default: the lambda.runtimeApi.bind address), e.g."
                + " -Dlambda.runtimeApi.bind=192.168.1.20 -Dlambda.runtimeApi.host=192.168.1.20."
                + " The Runtime API then serves that network while invoke runs.");
  }

  @Test
  void anEngineOnAnotherKernelBehindALocalSocketIsNotOnThisHost() {
    assertThatThrownBy(
            () -> choose(engine("Debian GNU/Linux 12", "vm", "6.12.0-1-amd64"), SOCKET, none()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(
            "(it runs kernel 6.12.0-1-amd64, not this machine's 6.1.0-18-amd64, so it is in a"
                + " virtual machine or on another host)");
  }

  @Test
  void aConfiguredHostIsCalledWhileTheServerStaysOnLoopback() {
    RuntimeApiRoute route =
        choose(engine("Debian", "box"), REMOTE, new RuntimeApiAddresses(null, "gateway.lan"));

    assertThat(route.bindAddress().isLoopbackAddress()).isTrue();
    assertThat(route.runtimeApi(9001)).isEqualTo("gateway.lan:9001");
    assertThat(route.networkMode()).isEqualTo("host");
    assertThat(route.reason()).isEqualTo("lambda.runtimeApi.host is set");
  }

  @Test
  void aBindAddressBeyondLoopbackIsWhatTheContainerCallsUnlessTheHostIsSet() {
    InetAddress local = nonLoopbackAddressOfThisMachine();

    RuntimeApiRoute route =
        choose(
            engine("Debian", "box"), REMOTE, new RuntimeApiAddresses(local.getHostAddress(), null));

    assertThat(route.bindAddress()).isEqualTo(local);
    assertThat(route.runtimeApi(9001)).isEqualTo(local.getHostAddress() + ":9001");
    assertThat(route.exposed()).isTrue();
    assertThat(route.reason())
        .isEqualTo("lambda.runtimeApi.host defaults to lambda.runtimeApi.bind");
  }

  @Test
  void anIpv6HostIsBracketedForTheRuntime() {
    RuntimeApiRoute route =
        choose(engine("Debian", "box"), REMOTE, new RuntimeApiAddresses(null, "fd00::1"));

    assertThat(route.runtimeApi(9001)).isEqualTo("[fd00::1]:9001");
  }

  @Test
  void everyInterfaceIsRefusedAsBindAddress() {
    assertThatThrownBy(
            () -> choose(engine("Debian", "box"), REMOTE, new RuntimeApiAddresses("0.0.0.0", null)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "'0.0.0.0' (lambda.runtimeApi.bind) means every interface; the Runtime API serves"
                + " whoever reaches it, so it listens on one address only. Give the address of this"
                + " machine that the Docker Engine reaches, e.g. the one of the interface facing"
                + " it.");
  }

  @Test
  void aBindAddressOfAnotherMachineIsRefused() {
    assertThatThrownBy(
            () ->
                choose(
                    engine("Debian", "box"), REMOTE, new RuntimeApiAddresses("203.0.113.7", null)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "'203.0.113.7' (lambda.runtimeApi.bind) is not an address of this machine: the Runtime API server can only listen on an address of one of this"
                + " machine's interfaces. Give the one the Docker Engine reaches this machine at"
                + " (ip -brief address lists them).");
  }

  @Test
  void aHostWithSchemeOrPortIsRefused() {
    assertThatThrownBy(() -> new RuntimeApiAddresses(null, "http://10.0.0.1:9001"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "'http://10.0.0.1:9001' is not a host name or an IP address (lambda.runtimeApi.host):"
                + " give the name or address the function's container reaches this machine at,"
                + " without port or scheme, e.g. 192.168.1.20.");
  }

  @Test
  void blankValuesMeanNotSet() {
    assertThat(new RuntimeApiAddresses(" ", "")).isEqualTo(RuntimeApiAddresses.DETECTED);
  }

  private static RuntimeApiRoute choose(
      EngineInfo engine, EngineEndpoint endpoint, RuntimeApiAddresses addresses) {
    return RuntimeApiRoute.choose(engine, endpoint, addresses, KERNEL);
  }

  private static RuntimeApiAddresses none() {
    return RuntimeApiAddresses.DETECTED;
  }

  private static EngineInfo engine(String operatingSystem, String name) {
    return engine(operatingSystem, name, KERNEL);
  }

  private static EngineInfo engine(String operatingSystem, String name, String kernel) {
    return engine(EngineInfo.Kind.DOCKER, operatingSystem, name, kernel, List.of());
  }

  private static EngineInfo engine(
      EngineInfo.Kind kind,
      String operatingSystem,
      String name,
      String kernel,
      List<String> labels) {
    return new EngineInfo(
        "linux",
        "amd64",
        "20.10.24",
        "1.41",
        operatingSystem,
        kind,
        EngineInfo.ImageStore.CLASSIC,
        kernel,
        name,
        labels);
  }

  private static InetAddress nonLoopbackAddressOfThisMachine() {
    try {
      Optional<InetAddress> address =
          NetworkInterface.networkInterfaces()
              .flatMap(NetworkInterface::inetAddresses)
              .filter(candidate -> candidate instanceof Inet4Address)
              .filter(candidate -> !candidate.isLoopbackAddress())
              .findFirst();
      Assumptions.assumeTrue(address.isPresent(), "this machine has no address beyond loopback");
      return address.get();
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }
}
