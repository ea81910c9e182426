package io.github.lambdaimage.render;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

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
   * @throws InvalidConfigurationException for an override named by an alias ({@code
   *     Dockerfile.aarch64}), which would otherwise be ignored
   */
  public static Template select(
      Path directory, Path projectDirectory, Architecture architecture, RuntimeMode mode) {
    overrides(directory, projectDirectory);
    for (String fileName : new String[] {"Dockerfile." + architecture.dockerName(), "Dockerfile"}) {
      Path file = directory.resolve(fileName);
      if (Files.isRegularFile(file)) {
        return Template.read(file, displayName(file, projectDirectory));
      }
    }
    return Template.builtIn(mode.builtInTemplate());
  }

  /**
   * The architectures that have a {@code Dockerfile.<arch>} override in {@code directory}.
   *
   * @throws InvalidConfigurationException for a file named with an alias ({@code
   *     Dockerfile.x86_64}, {@code Dockerfile.aarch64}), naming the file name to use instead
   */
  public static Set<Architecture> overrides(Path directory, Path projectDirectory) {
    Set<Architecture> found = EnumSet.noneOf(Architecture.class);
    if (!Files.isDirectory(directory)) {
      return found;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith("Dockerfile.")) {
          continue;
        }
        String suffix = name.substring("Dockerfile.".length());
        Architecture architecture;
        try {
          architecture = Architecture.parse(suffix);
        } catch (IllegalArgumentException notAnArchitecture) {
          continue;
        }
        if (!suffix.equals(architecture.dockerName())) {
          throw new InvalidConfigurationException(
              "Template override "
                  + displayName(file, projectDirectory)
                  + " is named with an alias of "
                  + architecture.dockerName()
                  + ", so it would be ignored. Rename it to Dockerfile."
                  + architecture.dockerName()
                  + ".");
        }
        found.add(architecture);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** {@code file} relative to {@code projectDirectory} when inside it, with {@code /}. */
  public static String displayName(Path file, Path projectDirectory) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = projectDirectory.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
