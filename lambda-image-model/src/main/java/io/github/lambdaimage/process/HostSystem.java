package io.github.lambdaimage.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operating system's way of finding programs: the {@code PATH} directories and, on Windows, the
 * {@code PATHEXT} extensions ({@code .exe}, {@code .cmd}, {@code .bat}, ...) a command name may
 * omit. Built from an injected environment, so Windows lookups are testable anywhere.
 *
 * @param windows whether this is Windows
 * @param path the directories searched, in order
 * @param extensions the extensions tried after the bare name on Windows (lower case, with the dot)
 */
public record HostSystem(boolean windows, List<Path> path, List<String> extensions) {

  /** Windows' {@code PATHEXT} when the variable is unset. */
  public static final String DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD";

  /** A copy with unmodifiable lists. */
  public HostSystem {
    path = List.copyOf(path);
    extensions = List.copyOf(extensions);
  }

  /** This JVM's system: {@code os.name}, {@code PATH} and {@code PATHEXT}. */
  public static HostSystem current() {
    return of(System.getProperty("os.name", ""), System::getenv);
  }

  /**
   * The system named {@code osName} (as in {@code os.name}) with the given environment.
   *
   * @param environment looks up a variable, {@code null} when unset
   */
  public static HostSystem of(String osName, Function<String, String> environment) {
    boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
    String separator = windows ? ";" : ":";
    List<Path> directories = new ArrayList<>();
    String pathVariable = environment.apply("PATH");
    if (pathVariable == null && windows) {
      pathVariable = environment.apply("Path");
    }
    if (pathVariable != null) {
      for (String entry : pathVariable.split(separator)) {
        if (!entry.isBlank()) {
          try {
            directories.add(Path.of(entry.strip()));
          } catch (InvalidPathException e) {
            // an entry this file system cannot name holds nothing to run
          }
        }
      }
    }
    List<String> extensions = new ArrayList<>();
    if (windows) {
      String pathExt = environment.apply("PATHEXT");
      for (String extension :
          (pathExt == null || pathExt.isBlank() ? DEFAULT_PATHEXT : pathExt).split(";")) {
        if (!extension.isBlank()) {
          extensions.add(extension.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new HostSystem(windows, directories, extensions);
  }

  /**
   * The file {@code name} names on the search path: the bare name, then (on Windows, for a name
   * without an extension) each {@code PATHEXT} extension, directory by directory. A name with a
   * directory part is checked as given.
   */
  public Optional<Path> find(String name) {
    List<Path> directories =
        name.contains("/") || name.contains(File.separator) || (windows && name.contains("\\"))
            ? List.of(Path.of(""))
            : path;
    for (Path directory : directories) {
      for (String candidate : candidates(name)) {
        Path file = directory.resolve(candidate);
        if (Files.isRegularFile(file) && (windows || Files.isExecutable(file))) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The command to start {@code name} with: on Windows the file found with its extension (so {@code
   * npm} starts {@code npm.cmd}, which {@link ProcessBuilder} would not find), elsewhere the name.
   */
  public String command(String name) {
    return windows ? find(name).map(Path::toString).orElse(name) : name;
  }

  private List<String> candidates(String name) {
    List<String> candidates = new ArrayList<>();
    candidates.add(name);
    if (windows && !hasExtension(name)) {
      extensions.forEach(extension -> candidates.add(name + extension));
    }
    return candidates;
  }

  private boolean hasExtension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return extensions.stream().anyMatch(lower::endsWith);
  }
}
