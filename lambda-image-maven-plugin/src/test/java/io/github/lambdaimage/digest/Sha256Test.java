package io.github.lambdaimage.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path directory;

  @Test
  void bytesTextAndFilesOfTheSameContentHaveTheStandardDigest() throws Exception {
    Path file = Files.writeString(directory.resolve("abc"), "abc");

    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
    assertThat(Sha256.hex("abc")).isEqualTo(ABC);
    assertThat(Sha256.hex(file)).isEqualTo(ABC);
  }

  @Test
  void contentDigestsCarryTheAlgorithmPrefix() {
    MessageDigest parts = Sha256.newDigest();
    parts.update("a".getBytes(StandardCharsets.UTF_8));
    parts.update("bc".getBytes(StandardCharsets.UTF_8));

    assertThat(Sha256.contentDigest(parts)).isEqualTo("sha256:" + ABC);
    assertThat(Sha256.contentDigest("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256:" + ABC);
  }
}
