package io.github.lambdaimage.endpoint;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.invoke.FunctionInvoker;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.RuntimeApiAddresses;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.ImageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local Lambda endpoint for integration tests: per image a {@link FunctionPool} of warm
 * containers, started as {@code lambda-image:invoke} starts them (Lambda's environment, memory
 * limit, read-only root, no AWS credentials), behind an {@link InvokeApiServer} on loopback. Each
 * function is named {@code <functionName>-<arch>}, or {@code <functionName>} when one architecture
 * runs. Closing it stops the server, removes every container and closes the engine.
 */
public final class LocalEndpoint implements AutoCloseable {

  /** The Docker label value prefix that marks an endpoint's containers. */
  private static final String RUN_LABEL_PREFIX = "endpoint-";

  private final DockerEngine engine;
  private final Map<String, FunctionPool> functions;
  private final InvokeApiServer server;

  private LocalEndpoint(
      DockerEngine engine, Map<String, FunctionPool> functions, InvokeApiServer server) {
    this.engine = engine;
    this.functions = functions;
    this.server = server;
  }

  /**
   * Removes what a crashed earlier run left under {@code owner}, starts one warm container per
   * image, then serves the Invoke API. On any failure everything started so far is removed and
   * {@code engine} is closed; on success the endpoint owns {@code engine}.
   *
   * @param owner identifies the project, e.g. its directory; labels the containers
   * @param settings the function configuration; its name is the base of the function names
   * @param port the port, or 0 for a free one
   * @param concurrency the most containers per function
   * @param addresses where the Runtime API listens and what the containers call it, as configured
   */
  public static LocalEndpoint start(
      DockerEngine engine,
      RuntimeApiAddresses addresses,
      BuildLog log,
      String owner,
      List<ImageRecord> images,
      FunctionSettings settings,
      int port,
      int concurrency) {
    Map<String, FunctionPool> functions = new LinkedHashMap<>();
    try {
      FunctionInvoker invoker = new FunctionInvoker(engine, log, addresses);
      String runLabel = runLabel(owner);
      invoker.removeLeftovers();
      for (ImageRecord image : images) {
        String name =
            images.size() == 1
                ? settings.functionName()
                : settings.functionName() + "-" + image.architecture();
        FunctionSettings function =
            new FunctionSettings(
                name,
                settings.memorySizeMb(),
                settings.region(),
                settings.timeout(),
                settings.environment());
        FunctionPool pool =
            new FunctionPool(name, concurrency, () -> invoker.startWarm(image, function, runLabel));
        functions.put(name, pool);
        pool.warmUp();
      }
      InvokeApiServer server = InvokeApiServer.start(port, functions, settings.region(), log);
      return new LocalEndpoint(engine, functions, server);
    } catch (RuntimeException e) {
      closeAll(functions.values(), e);
      engine.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return server.url();
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.port();
  }

  /** The function names callers use, in image order. */
  public List<String> functionNames() {
    return List.copyOf(functions.keySet());
  }

  /** How many containers run now, over all functions. */
  public int containers() {
    return functions.values().stream().mapToInt(FunctionPool::containers).sum();
  }

  /** Stops serving, removes every container, closes the engine. */
  @Override
  public void close() {
    try {
      server.close();
      closeAll(functions.values(), null);
    } finally {
      engine.close();
    }
  }

  /** The label value of the containers started for {@code owner}. */
  static String runLabel(String owner) {
    return RUN_LABEL_PREFIX + Sha256.hex(owner).substring(0, 16);
  }

  private static void closeAll(Iterable<FunctionPool> pools, RuntimeException primary) {
    List<RuntimeException> failures = new ArrayList<>();
    for (FunctionPool pool : pools) {
      try {
        pool.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (primary != null) {
      failures.forEach(primary::addSuppressed);
    } else if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
