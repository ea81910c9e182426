package io.github.lambdaimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCacheTest {

  @TempDir Path directory;

  private Path cacheFile() {
    return directory.resolve("context.digests");
  }

  private Path write(String name, String content, long modifiedMillis) throws IOException {
    Path file = directory.resolve("context").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    return file;
  }

  @Test
  void unchangedFilesAreNotReadAgainByTheNextBuild() throws IOException {
    write("lib/a.jar", "a", 1_000);
    write("lib/b.jar", "b", 2_000);
    List<String> names = List.of("lib/a.jar", "lib/b.jar");
    DigestCache first = new DigestCache(cacheFile());
    var firstDigests = first.digests(directory.resolve("context"), names);

    DigestCache second = new DigestCache(cacheFile());
    var secondDigests = second.digests(directory.resolve("context"), names);

    assertThat(first.hashed()).isEqualTo(2);
    assertThat(second.hashed()).isZero();
    assertThat(secondDigests).isEqualTo(firstDigests);
    assertThat(secondDigests.get("lib/a.jar")).isEqualTo(Sha256.hex("a".getBytes()));
  }

  @Test
  void aFileWithAnotherSizeOrModificationTimeIsHashedAgain() throws IOException {
    write("lib/a.jar", "a", 1_000);
    write("lib/b.jar", "b", 2_000);
    List<String> names = List.of("lib/a.jar", "lib/b.jar");
    new DigestCache(cacheFile()).digests(directory.resolve("context"), names);
    write("lib/a.jar", "aa", 1_000);
    write("lib/b.jar", "c", 3_000);

    DigestCache next = new DigestCache(cacheFile());
    var digests = next.digests(directory.resolve("context"), names);

    assertThat(next.hashed()).isEqualTo(2);
    assertThat(digests.get("lib/a.jar")).isEqualTo(Sha256.hex("aa".getBytes()));
    assertThat(digests.get("lib/b.jar")).isEqualTo(Sha256.hex("c".getBytes()));
  }

  @Test
  void theCacheKeepsOnlyTheFilesOfTheLastBuild() throws IOException {
    write("lib/a.jar", "a", 1_000);
    write("lib/b.jar", "b", 2_000);
    new DigestCache(cacheFile())
        .digests(directory.resolve("context"), List.of("lib/a.jar", "lib/b.jar"));

    new DigestCache(cacheFile()).digests(directory.resolve("context"), List.of("lib/b.jar"));

    assertThat(Files.readAllLines(cacheFile()))
        .containsExactly(Sha256.hex("b".getBytes()) + " 1 2000 lib/b.jar");
  }

  @Test
  void anUnreadableCacheFileMeansEveryFileIsHashed() throws IOException {
    write("lib/a.jar", "a", 1_000);
    Files.writeString(cacheFile(), "not a cache\n\u0000 x y\n");

    DigestCache cache = new DigestCache(cacheFile());
    var digests = cache.digests(directory.resolve("context"), List.of("lib/a.jar"));

    assertThat(cache.hashed()).isEqualTo(1);
    assertThat(digests.get("lib/a.jar")).isEqualTo(Sha256.hex("a".getBytes()));
  }
}
