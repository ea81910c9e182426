package io.github.lambdaimage.context;

import io.github.lambdaimage.digest.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Brings a build context directory in line with the inputs: {@code Dockerfile}, {@code lib/}
 * (dependency jars), {@code app/} (the module's code), {@code runtime/} (runtime jars, custom mode
 * only), and nothing else. Unchanged files (same size and modification time as their source) are
 * not copied again; files that no longer belong are removed. Their digests are remembered beside
 * the context ({@code context.digests}) on the same terms, so unchanged files are not read again.
 */
public final class ContextAssembler {

  private final Path directory;

  /**
   * @param directory the context directory, normally {@code target/lambda-image/<arch>/context}
   */
  public ContextAssembler(Path directory) {
    this.directory = directory;
  }

  /**
   * Assembles the context.
   *
   * @param dockerfile the rendered Dockerfile's text
   * @param inputs the jars and code to include
   * @return the context with every file's digest
   */
  public BuildContext assemble(String dockerfile, ContextInputs inputs) {
    Map<String, Path> sources = sources(inputs);
    try {
      Files.createDirectories(directory);
      removeStale(sources.keySet());
      int copied = writeDockerfile(dockerfile);
      for (Map.Entry<String, Path> entry : sources.entrySet()) {
        copied += copyIfChanged(entry.getValue(), directory.resolve(entry.getKey()));
      }
      for (String layer : List.of(BuildContext.LIB, BuildContext.APP)) {
        Files.createDirectories(directory.resolve(layer));
      }
      return new BuildContext(directory, digests(sources.keySet()), copied);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot assemble the build context in " + directory + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Path> sources(ContextInputs inputs) {
    Map<String, Path> sources = new TreeMap<>();
    inputs.dependencies().forEach((name, jar) -> sources.put(BuildContext.LIB + "/" + name, jar));
    inputs.runtime().forEach((name, jar) -> sources.put(BuildContext.RUNTIME + "/" + name, jar));
    Path application = inputs.application();
    if (Files.isDirectory(application)) {
      try (Stream<Path> files = Files.walk(application)) {
        files
            .filter(Files::isRegularFile)
            .forEach(
                file -> sources.put(BuildContext.APP + "/" + relative(application, file), file));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + application + ": " + e.getMessage(), e);
      }
    } else {
      sources.put(BuildContext.APP + "/lib/" + application.getFileName(), application);
    }
    return sources;
  }

  private void removeStale(Set<String> wanted) throws IOException {
    List<Path> existing;
    try (Stream<Path> walk = Files.walk(directory)) {
      existing = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : existing) {
      String name = relative(directory, path);
      if (path.equals(directory) || name.equals(BuildContext.DOCKERFILE)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        if (isEmpty(path) && !isLayerDirectory(name)) {
          Files.delete(path);
        }
      } else if (!wanted.contains(name)) {
        Files.delete(path);
      }
    }
  }

  private static boolean isLayerDirectory(String name) {
    return name.equals(BuildContext.LIB) || name.equals(BuildContext.APP);
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private int writeDockerfile(String dockerfile) throws IOException {
    Path file = directory.resolve(BuildContext.DOCKERFILE);
    byte[] content = dockerfile.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return 0;
    }
    Files.write(file, content);
    return 1;
  }

  private static int copyIfChanged(Path source, Path target) throws IOException {
    if (Files.isRegularFile(target)
        && Files.size(target) == Files.size(source)
        && Files.getLastModifiedTime(target).toMillis()
            == Files.getLastModifiedTime(source).toMillis()) {
      return 0;
    }
    Files.createDirectories(target.getParent());
    Files.copy(
        source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    return 1;
  }

  private SortedMap<String, String> digests(Set<String> names) {
    SortedMap<String, String> digests =
        new DigestCache(digestFile()).digests(directory, new TreeSet<>(names));
    digests.put(BuildContext.DOCKERFILE, Sha256.hex(directory.resolve(BuildContext.DOCKERFILE)));
    return digests;
  }

  /** Where the digests of the context's files are remembered: beside the context directory. */
  Path digestFile() {
    return directory.resolveSibling(directory.getFileName() + ".digests");
  }

  /** {@code file}'s path below {@code base}, with {@code /} separators. */
  static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace(File.separatorChar, '/');
  }
}
