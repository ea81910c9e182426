package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.EngineInfo;

/**
 * How a function container reaches the Runtime API server, which listens on the host's loopback
 * address only.
 *
 * <ul>
 *   <li>An engine on this Linux host: the container shares the host's network ({@code host} mode),
 *       so {@code 127.0.0.1:<port>} is the server. This also works on engines started with {@code
 *       --bridge=none}.
 *   <li>Docker Desktop: containers run in a virtual machine whose {@code host} network is not this
 *       machine's, so the container stays on the default network and uses {@code
 *       host.docker.internal}, which Docker Desktop forwards to this machine's loopback.
 * </ul>
 *
 * A remote engine ({@code DOCKER_HOST=tcp://…} on another machine) cannot reach this machine's
 * loopback; invoke is not supported there.
 *
 * @param networkMode the container's network mode
 * @param runtimeApiHost the host name the container uses for the server
 */
public record RuntimeApiRoute(String networkMode, String runtimeApiHost) {

  /** The host name Docker Desktop resolves to the machine it runs on. */
  public static final String DOCKER_DESKTOP_HOST = "host.docker.internal";

  /** The route for the given engine. */
  public static RuntimeApiRoute forEngine(EngineInfo engine) {
    return engine.dockerDesktop()
        ? new RuntimeApiRoute("default", DOCKER_DESKTOP_HOST)
        : new RuntimeApiRoute("host", "127.0.0.1");
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API} for a server on {@code port}. */
  public String runtimeApi(int port) {
    return runtimeApiHost + ":" + port;
  }
}
