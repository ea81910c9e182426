package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineInfo;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How a function container reaches the Runtime API server: the one address the server listens on,
 * the container's network mode and the host the container calls. Decided before anything starts:
 *
 * <ul>
 *   <li>{@value RuntimeApiAddresses#HOST_PROPERTY} set: that host, the server on {@value
 *       RuntimeApiAddresses#BIND_PROPERTY} (default {@code 127.0.0.1}).
 *   <li>{@value RuntimeApiAddresses#BIND_PROPERTY} set to an address beyond loopback: the container
 *       calls that address.
 *   <li>Docker Desktop: the container stays on its default network and calls {@value
 *       #DOCKER_DESKTOP_HOST}, which Docker Desktop forwards to this machine's loopback.
 *   <li>An engine on this host (a unix socket or loopback TCP, and this kernel): the container
 *       shares the host's network ({@code host} mode) and calls {@code 127.0.0.1}. This also works
 *       on engines started with {@code --bridge=none}.
 *   <li>colima or Lima: {@value #LIMA_HOST}; a Podman machine: {@value #PODMAN_HOST}. Both forward
 *       that name to this machine's loopback; the container shares the virtual machine's network.
 *   <li>Any other engine (a remote {@code DOCKER_HOST}, another virtual machine): it cannot reach
 *       this machine's loopback, and only the user knows an address it reaches, so invoke fails at
 *       once, naming both properties.
 * </ul>
 *
 * @param bindAddress the one address the server listens on
 * @param networkMode the container's network mode
 * @param runtimeApiHost the host name or address the container uses for the server
 * @param reason why this route, for the log and messages
 */
public record RuntimeApiRoute(
    InetAddress bindAddress, String networkMode, String runtimeApiHost, String reason) {

  /** The host name Docker Desktop resolves to the machine it runs on. */
  public static final String DOCKER_DESKTOP_HOST = "host.docker.internal";

  /** The host name Lima (and so colima) resolves to the loopback of the machine it runs on. */
  public static final String LIMA_HOST = "host.lima.internal";

  /** The host name a Podman machine resolves to the machine it runs on. */
  public static final String PODMAN_HOST = "host.containers.internal";

  /**
   * The route for the engine at {@code endpoint}.
   *
   * @param thisKernel this machine's kernel release when it runs Linux, else {@code null}; see
   *     {@link #thisKernel()}
   * @throws InvalidConfigurationException naming both properties when the engine cannot reach this
   *     machine's loopback and neither says what it reaches instead, or when {@code bind} is not an
   *     address of this machine
   */
  public static RuntimeApiRoute choose(
      EngineInfo engine,
      EngineEndpoint endpoint,
      RuntimeApiAddresses configured,
      String thisKernel) {
    InetAddress bind = configured.bindAddress();
    String networkMode = engine.dockerDesktop() ? "default" : "host";
    if (configured.host() != null) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          configured.hostOr(bind),
          RuntimeApiAddresses.HOST_PROPERTY + " is set");
    }
    if (!bind.isLoopbackAddress()) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          configured.hostOr(bind),
          RuntimeApiAddresses.HOST_PROPERTY + " defaults to " + RuntimeApiAddresses.BIND_PROPERTY);
    }
    if (engine.dockerDesktop()) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          DOCKER_DESKTOP_HOST,
          "the engine is Docker Desktop, which forwards that name here");
    }
    String elsewhere = elsewhere(engine, endpoint, thisKernel);
    if (elsewhere == null) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          configured.hostOr(bind),
          "the engine runs on this host and the container shares its network");
    }
    if (lima(engine, endpoint)) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          LIMA_HOST,
          "the engine runs in colima or Lima, which forward that name here");
    }
    if (engine.kind() == EngineInfo.Kind.PODMAN) {
      return new RuntimeApiRoute(
          bind,
          networkMode,
          PODMAN_HOST,
          "the engine is a Podman machine, which forwards that name here");
    }
    throw unreachable(endpoint, elsewhere);
  }

  /** This machine's kernel release when it runs Linux, else {@code null}. */
  public static String thisKernel() {
    return System.getProperty("os.name", "").equals("Linux")
        ? System.getProperty("os.version")
        : null;
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API} for a server on {@code port}. */
  public String runtimeApi(int port) {
    return runtimeApiHost + ":" + port;
  }

  /** True when the server listens beyond loopback, reachable from a network. */
  public boolean exposed() {
    return !bindAddress.isLoopbackAddress();
  }

  /**
   * Why the engine's containers cannot share this machine's loopback, or {@code null} when they
   * can: the engine's address is not a local socket or loopback TCP, or its kernel is not this
   * machine's (a virtual machine, another host).
   */
  static String elsewhere(EngineInfo engine, EngineEndpoint endpoint, String thisKernel) {
    if (!localAddress(endpoint.host())) {
      return "its address " + endpoint.host() + " is not on this machine";
    }
    if (thisKernel == null) {
      return "it runs Linux in a virtual machine beside this "
          + System.getProperty("os.name")
          + " machine";
    }
    if (!engine.kernelVersion().isEmpty() && !engine.kernelVersion().equals(thisKernel)) {
      return "it runs kernel "
          + engine.kernelVersion()
          + ", not this machine's "
          + thisKernel
          + ", so it is in a virtual machine or on another host";
    }
    return null;
  }

  private static boolean localAddress(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix://") || lower.startsWith("npipe://")) {
      return true;
    }
    try {
      String name = URI.create(host).getHost();
      return name != null
          && (name.equals("localhost") || InetAddress.getByName(name).isLoopbackAddress());
    } catch (IllegalArgumentException | UnknownHostException e) {
      return false;
    }
  }

  private static boolean lima(EngineInfo engine, EngineEndpoint endpoint) {
    String name = engine.name();
    String host = endpoint.host();
    return name.equals("colima")
        || name.startsWith("colima-")
        || name.startsWith("lima-")
        || host.contains("/.colima/")
        || host.contains("/.lima/");
  }

  private static InvalidConfigurationException unreachable(
      EngineEndpoint endpoint, String elsewhere) {
    return new InvalidConfigurationException(
        "The function's container cannot reach the Runtime API on this machine's 127.0.0.1: the"
            + " Docker Engine at "
            + endpoint.host()
            + " (chosen by "
            + endpoint.source()
            + ") does not share this machine's network ("
            + elsewhere
            + "), and it is none of the engines known to forward a host name here (Docker Desktop,"
            + " colima or Lima, a Podman machine). Set "
            + RuntimeApiAddresses.BIND_PROPERTY
            + " to an address of this machine that the engine reaches, for the Runtime API to"
            + " listen on, and "
            + RuntimeApiAddresses.HOST_PROPERTY
            + " to the name or address the container calls it at (default: the "
            + RuntimeApiAddresses.BIND_PROPERTY
            + " address), e.g. -D"
            + RuntimeApiAddresses.BIND_PROPERTY
            + "=192.168.1.20 -D"
            + RuntimeApiAddresses.HOST_PROPERTY
            + "=192.168.1.20. The Runtime API then serves that network while invoke runs.");
  }
}
