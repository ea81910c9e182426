package io.github.lambdaimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A connection to a Docker Engine that answered a ping. Create it with {@link #connect()} (the
 * {@code docker} CLI's resolution: {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current
 * context, the default socket) and close it when done.
 */
public final class DockerEngine implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final EngineEndpoint endpoint;
  private final DockerClient client;
  private EngineInfo info;

  private DockerEngine(EngineEndpoint endpoint, DockerClient client) {
    this.endpoint = endpoint;
    this.client = client;
  }

  /**
   * Connects to the engine the environment points at and pings it.
   *
   * @throws EngineUnreachableException naming the endpoint, its source and how to fix it
   */
  public static DockerEngine connect() {
    return connect(EngineEndpointResolver.fromSystem().resolve());
  }

  /**
   * Connects to {@code endpoint} and pings it.
   *
   * @throws EngineUnreachableException naming the endpoint, its source and how to fix it
   */
  public static DockerEngine connect(EngineEndpoint endpoint) {
    DockerClient client;
    try {
      client = createClient(endpoint);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw unreachable(endpoint, e);
    }
    DockerEngine engine = new DockerEngine(endpoint, client);
    try {
      client.pingCmd().exec();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw unreachable(endpoint, e);
    }
  }

  private static DockerClient createClient(EngineEndpoint endpoint) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint.host())
            .withDockerTlsVerify(endpoint.tlsVerify())
            .withDockerCertPath(endpoint.tlsCertPath())
            .build();
    DockerHttpClient httpClient =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(URI.create(endpoint.host()))
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .build();
    return DockerClientImpl.getInstance(config, httpClient);
  }

  static EngineUnreachableException unreachable(EngineEndpoint endpoint, Exception e) {
    Throwable root = rootCause(e);
    return new EngineUnreachableException(
        "Cannot reach the Docker Engine at "
            + endpoint.host()
            + " (chosen by "
            + endpoint.source()
            + "): "
            + root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage())
            + ". Start an engine (Docker Desktop or colima on a laptop; `sudo systemctl start"
            + " docker` or `sudo dockerd` on Linux), or point DOCKER_HOST at a running one, e.g."
            + " DOCKER_HOST="
            + EngineEndpointResolver.DEFAULT_HOST
            + ".",
        root);
  }

  /**
   * The innermost cause: its message is already in ours, so Maven does not repeat the wrappers'
   * messages (which name shaded transport classes).
   */
  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The docker-java client, valid until {@link #close()}. */
  public DockerClient client() {
    return client;
  }

  /** The engine address, e.g. {@code unix:///var/run/docker.sock}. */
  public String endpoint() {
    return endpoint.host();
  }

  /** How the address was chosen, e.g. {@code DOCKER_HOST} or {@code the default socket}. */
  public String endpointSource() {
    return endpoint.source();
  }

  /** What the engine reports about itself; asked once, then cached. */
  public synchronized EngineInfo info() {
    if (info == null) {
      Version version = client.versionCmd().exec();
      String operatingSystem = client.infoCmd().exec().getOperatingSystem();
      info =
          new EngineInfo(
              version.getOperatingSystem(),
              version.getArch(),
              version.getVersion(),
              version.getApiVersion(),
              operatingSystem);
    }
    return info;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // Closing a connection pool: nothing the user could act on.
    }
  }
}
