package io.github.lambdaimage.render;

import io.github.lambdaimage.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the template for an architecture: {@code Dockerfile.<arch>} in the template directory,
 * else its {@code Dockerfile}, else the runtime mode's built-in template.
 */
public final class DockerfileTemplates {

  /** The conventional template directory, relative to the project. */
  public static final String DEFAULT_DIRECTORY = "src/main/docker";

  private DockerfileTemplates() {}

  /**
   * The template to render for {@code architecture}.
   *
   * @param directory the template directory, normally {@code src/main/docker}; may not exist
   * @param projectDirectory the project's base directory, to name files relative to it
   * @param architecture the architecture being rendered
   * @param mode the runtime mode, which picks the built-in template
   */
  public static Template select(
      Path directory, Path projectDirectory, Architecture architecture, RuntimeMode mode) {
    for (String fileName : new String[] {"Dockerfile." + architecture.dockerName(), "Dockerfile"}) {
      Path file = directory.resolve(fileName);
      if (Files.isRegularFile(file)) {
        return Template.read(file, displayName(file, projectDirectory));
      }
    }
    return Template.builtIn(mode.builtInTemplate());
  }

  private static String displayName(Path file, Path projectDirectory) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = projectDirectory.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
