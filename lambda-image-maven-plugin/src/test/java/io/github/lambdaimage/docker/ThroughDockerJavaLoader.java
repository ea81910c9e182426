package io.github.lambdaimage.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Connects through {@link DockerJavaLoader} as a goal does for a TLS endpoint, loaded by {@link
 * DockerJavaLoaderIT} in a class loader that cannot see docker-java: only the jars handed to the
 * loader provide it.
 */
public final class ThroughDockerJavaLoader {

  private ThroughDockerJavaLoader() {}

  /**
   * Loads docker-java from {@code jars}, connects to the default engine and describes it.
   *
   * @return the engine's description and the class loader of the client's implementation
   */
  public static String describe(List<String> jars) {
    try (DockerEngine engine =
        new DockerJavaLoader(
                () -> jars.stream().map(Path::of).toList(),
                ThroughDockerJavaLoader.class.getClassLoader())
            .connect(EngineEndpointResolver.fromSystem().resolve(), Duration.ofSeconds(60))) {
      return engine.info().describe()
          + " | "
          + engine.getClass().getName()
          + " | "
          + (engine.getClass().getClassLoader() == ThroughDockerJavaLoader.class.getClassLoader()
              ? "same loader"
              : "child loader");
    }
  }
}
