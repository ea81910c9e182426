package io.github.lambdaimage.context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    try {
      Files.createDirectories(tarFile.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(tarFile)) {
        write(directory, out, dockerfileSuffix.getBytes(StandardCharsets.UTF_8));
      }
      return Files.size(tarFile);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the build context archive " + tarFile + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path directory, OutputStream out, byte[] dockerfileSuffix)
      throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths =
          walk.filter(path -> !path.equals(directory))
              .sorted((a, b) -> name(directory, a).compareTo(name(directory, b)))
              .toList();
    }
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Path path : paths) {
      boolean isDirectory = Files.isDirectory(path);
      String name = name(directory, path);
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
