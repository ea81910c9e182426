package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker-java resolved on demand: from a class path without it (and without jackson-databind, which
 * the plugin does not carry), the loader connects through the jars it is given, in a child class
 * loader, and the result is the plugin's own engine type.
 */
class DockerJavaLoaderIT {

  @Test
  void loadsDockerJavaFromTheGivenJarsBesideAPluginThatLacksIt() throws Exception {
    List<URL> withoutDockerJava = new ArrayList<>();
    List<String> dockerJavaJars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      // the plugin carries jackson-core (through the model) but not databind: docker-java's own
      // databind and annotations come with its jars, as when the plugin resolves them
      boolean onlyDockerJavaHasIt =
          name.startsWith("docker-java")
              || name.startsWith("jackson-databind")
              || name.startsWith("jackson-annotations");
      if (onlyDockerJavaHasIt || name.startsWith("guava") || name.startsWith("bc")) {
        dockerJavaJars.add(entry);
      }
      if (!onlyDockerJavaHasIt) {
        withoutDockerJava.add(Path.of(entry).toUri().toURL());
      }
    }
    try (URLClassLoader plugin =
        new URLClassLoader(
            withoutDockerJava.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {

      String described =
          (String)
              plugin
                  .loadClass(ThroughDockerJavaLoader.class.getName())
                  .getMethod("describe", List.class)
                  .invoke(null, dockerJavaJars);

      assertThat(described)
          .matches("(Docker Engine|Podman) .*")
          .endsWith(" | io.github.lambdaimage.docker.dockerjava.DockerJavaEngine | child loader");
    }
  }
}
