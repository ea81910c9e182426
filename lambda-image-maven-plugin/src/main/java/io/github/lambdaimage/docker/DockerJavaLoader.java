package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.loading.ChildFirstClassLoader;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads the docker-java client, which the plugin does not carry, for the endpoints the plain client
 * does not speak (TLS, Windows named pipes): asks {@code jars} for docker-java's jars and loads
 * {@value #PACKAGE}* in a class loader over them whose parent is the plugin's. The classes of that
 * package are loaded from the plugin's jar by the child (the parent has them too, but cannot see
 * docker-java), everything else parent first, so the engine layer's types are the plugin's own.
 */
public final class DockerJavaLoader {

  static final String PACKAGE = "io.github.lambdaimage.docker.dockerjava.";
  static final String IMPLEMENTATION = PACKAGE + "DockerJavaEngine";

  private final Supplier<List<Path>> jars;
  private final ClassLoader parent;

  /**
   * @param jars resolves docker-java's jars; called on the first connection only
   * @param parent the plugin's class loader
   */
  public DockerJavaLoader(Supplier<List<Path>> jars, ClassLoader parent) {
    this.jars = jars;
    this.parent = parent;
  }

  /**
   * Loads docker-java and connects to {@code endpoint}.
   *
   * @throws EngineUnreachableException when the engine does not answer
   * @throws EnvironmentException when docker-java cannot be resolved or loaded
   */
  DockerEngine connect(EngineEndpoint endpoint, Duration idleLimit) {
    @SuppressWarnings("resource") // lives as long as the engine it serves
    ChildFirstClassLoader loader =
        ChildFirstClassLoader.beside(
            DockerEngine.class, jars.get(), parent, name -> name.startsWith(PACKAGE));
    try {
      return (DockerEngine)
          loader.callStatic(
              IMPLEMENTATION,
              "connect",
              new Class<?>[] {EngineEndpoint.class, Duration.class},
              endpoint,
              idleLimit);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new EnvironmentException("Cannot start docker-java: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new EnvironmentException("Cannot load docker-java from " + loader.jars() + ": " + e, e);
    }
  }
}
