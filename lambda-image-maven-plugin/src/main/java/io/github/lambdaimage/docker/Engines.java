package io.github.lambdaimage.docker;

import io.github.lambdaimage.model.Architecture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines of one goal: one client per distinct endpoint, connected on first use, so
 * architectures on the same engine share it and architectures on different engines never wait for
 * each other's connection. Closing closes every client.
 */
public final class Engines implements AutoCloseable {

  private final ArchitectureEndpoints endpoints;
  private final Duration idleLimit;
  private final DockerJavaLoader dockerJava;
  private final Map<Key, Connection> connections = new LinkedHashMap<>();

  /**
   * @param endpoints which endpoint each architecture uses
   * @param idleLimit how long a request may go without a byte from the engine
   * @param dockerJava loads docker-java for TLS endpoints and named pipes
   */
  public Engines(ArchitectureEndpoints endpoints, Duration idleLimit, DockerJavaLoader dockerJava) {
    this.endpoints = endpoints;
    this.idleLimit = idleLimit;
    this.dockerJava = dockerJava;
  }

  /** The endpoint of {@code architecture}'s engine. */
  public EngineEndpoint endpoint(Architecture architecture) {
    return endpoints.endpoint(architecture);
  }

  /**
   * {@code architecture}'s engine, connected now if no other architecture connected to it yet.
   *
   * @throws EngineUnreachableException when a client that connects eagerly (docker-java) cannot
   */
  public DockerEngine of(Architecture architecture) {
    return connection(endpoint(architecture)).engine();
  }

  /**
   * The object to hold while {@code architecture}'s engine must serve one architecture at a time;
   * the same for every architecture on that engine.
   */
  public Object engineLock(Architecture architecture) {
    return connection(endpoint(architecture)).turns;
  }

  /**
   * {@code architecture}'s engine, connected, handed over to the caller, who closes it; {@link
   * #close} leaves it open.
   */
  public DockerEngine detach(Architecture architecture) {
    EngineEndpoint endpoint = endpoint(architecture);
    DockerEngine engine = connection(endpoint).engine();
    synchronized (this) {
      connections.remove(new Key(endpoint.host(), endpoint.tlsCertPath()));
    }
    return engine;
  }

  private synchronized Connection connection(EngineEndpoint endpoint) {
    return connections.computeIfAbsent(
        new Key(endpoint.host(), endpoint.tlsCertPath()), key -> new Connection(endpoint));
  }

  @Override
  public void close() {
    List<Connection> open;
    synchronized (this) {
      open = new ArrayList<>(connections.values());
      connections.clear();
    }
    for (Connection connection : open) {
      connection.close();
    }
  }

  /** What makes two endpoints the same engine connection. */
  private record Key(String host, String tlsCertPath) {}

  /** One engine's client, connected under its own lock. */
  private final class Connection {
    private final EngineEndpoint endpoint;
    private final Object turns = new Object();
    private DockerEngine engine;

    Connection(EngineEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    synchronized DockerEngine engine() {
      if (engine == null) {
        engine = DockerEngine.connect(endpoint, idleLimit, dockerJava);
      }
      return engine;
    }

    synchronized void close() {
      if (engine != null) {
        engine.close();
        engine = null;
      }
    }
  }
}
