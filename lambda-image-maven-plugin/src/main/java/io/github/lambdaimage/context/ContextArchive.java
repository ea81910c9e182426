package io.github.lambdaimage.context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context directory as the tar stream the engine's {@code POST /build} takes:
 * entries in path order, fixed modification time, owner root, mode 0644 for files and 0755 for
 * directories, so identical contexts give identical bytes.
 */
public final class ContextArchive {

  /** The modification time of every entry: 2000-01-01T00:00:00Z. */
  public static final long FIXED_MTIME_MILLIS = 946_684_800_000L;

  private ContextArchive() {}

  /**
   * Writes {@code directory} as a tar file.
   *
   * @return the archive's size in bytes
   */
  public static long write(Path directory, Path tarFile) {
    return write(directory, tarFile, "");
  }

  /**
   * Writes {@code directory} as a tar file, with {@code dockerfileSuffix} appended to the {@code
   * Dockerfile} at its root (the file on disk is not changed).
   *
   * @return the archive's size in bytes
   */
  public static long write(Path directory, Path tarFile, String dockerfileSuffix) {
    return write(
        directory, tarFile, dockerfileSuffix, directory.resolve(BuildContext.DOCKERFILE), null);
  }

  /**
   * Writes part of {@code directory} as a tar file: {@code dockerfile} (with {@code
   * dockerfileSuffix} appended) as its {@code Dockerfile}, and the top-level entries named in
   * {@code include} (all when {@code null}).
   *
   * @return the archive's size in bytes
   */
  public static long write(
      Path directory, Path tarFile, String dockerfileSuffix, Path dockerfile, Set<String> include) {
    try {
      Files.createDirectories(tarFile.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(tarFile)) {
        write(
            entries(directory, dockerfile, include),
            out,
            dockerfileSuffix.getBytes(StandardCharsets.UTF_8));
      }
      return Files.size(tarFile);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the build context archive " + tarFile + ": " + e.getMessage(), e);
    }
  }

  /** The archive's entries by name, in name order, each with the file or directory it holds. */
  private static SortedMap<String, Path> entries(
      Path directory, Path dockerfile, Set<String> include) throws IOException {
    SortedMap<String, Path> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(path -> !path.equals(directory))
          .forEach(path -> entries.put(name(directory, path), path));
    }
    entries.keySet().removeIf(name -> include != null && !include.contains(name.split("/", 2)[0]));
    entries.put(BuildContext.DOCKERFILE, dockerfile);
    return entries;
  }

  private static void write(
      SortedMap<String, Path> entries, OutputStream out, byte[] dockerfileSuffix)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Map.Entry<String, Path> named : entries.entrySet()) {
      Path path = named.getValue();
      String name = named.getKey();
      boolean isDirectory = Files.isDirectory(path);
      byte[] suffix = name.equals(BuildContext.DOCKERFILE) ? dockerfileSuffix : new byte[0];
      TarArchiveEntry entry = new TarArchiveEntry(name + (isDirectory ? "/" : ""));
      entry.setModTime(FIXED_MTIME_MILLIS);
      entry.setIds(0, 0);
      entry.setNames("", "");
      entry.setMode(isDirectory ? 040755 : 0100644);
      if (!isDirectory) {
        entry.setSize(Files.size(path) + suffix.length);
      }
      tar.putArchiveEntry(entry);
      if (!isDirectory) {
        Files.copy(path, tar);
        tar.write(suffix);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  private static String name(Path directory, Path path) {
    return ContextAssembler.relative(directory, path);
  }
}
