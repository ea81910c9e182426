package io.github.lambdaimage.context;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.model.ImageRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SHA-256 of each context file, remembered between builds in a small text file beside the
 * context and trusted while the file keeps its size and modification time (the same test {@link
 * ContextAssembler} uses to skip a copy), so an unchanged 80 MB of dependency jars is not read
 * again on every build. A missing or unreadable cache file only means every file is hashed.
 */
final class DigestCache {

  private final Path file;
  private final Map<String, Entry> known = new HashMap<>();
  private int hashed;

  private record Entry(long size, long modified, String sha256) {}

  /** A cache kept in {@code file}, read now if it exists. */
  DigestCache(Path file) {
    this.file = file;
    read();
  }

  /**
   * The digest of every file of {@code names} under {@code directory}, from the cache where the
   * file's size and modification time are those recorded; then the cache file is rewritten
   * (atomically) with exactly these files.
   */
  SortedMap<String, String> digests(Path directory, Iterable<String> names) {
    SortedMap<String, String> digests = new TreeMap<>();
    StringBuilder text = new StringBuilder();
    try {
      for (String name : names) {
        Path path = directory.resolve(name);
        long size = Files.size(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        Entry entry = known.get(name);
        if (entry == null || entry.size != size || entry.modified != modified) {
          entry = new Entry(size, modified, Sha256.hex(path));
          hashed++;
        }
        digests.put(name, entry.sha256);
        text.append(entry.sha256)
            .append(' ')
            .append(size)
            .append(' ')
            .append(modified)
            .append(' ')
            .append(name)
            .append('\n');
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + e.getMessage(), e);
    }
    ImageRecords.writeAtomically(file, text.toString());
    return digests;
  }

  /** How many files {@link #digests} had to read. */
  int hashed() {
    return hashed;
  }

  private void read() {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split(" ", 4);
        if (parts.length == 4 && parts[0].length() == 64) {
          known.put(
              parts[3], new Entry(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[0]));
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      known.clear();
    }
  }
}
