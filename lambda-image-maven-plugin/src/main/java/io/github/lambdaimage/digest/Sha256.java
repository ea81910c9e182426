package io.github.lambdaimage.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The plugin's one SHA-256: lower-case hex digests of bytes, text and files, and OCI content
 * digests ({@code sha256:<hex>}) as registries name manifests and blobs.
 */
public final class Sha256 {

  private static final String PREFIX = "sha256:";

  private Sha256() {}

  /** A fresh SHA-256 {@link MessageDigest}, for input fed in parts. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Completes {@code digest} and returns it as hex. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hex digest of {@code bytes}. */
  public static String hex(byte[] bytes) {
    MessageDigest digest = newDigest();
    digest.update(bytes);
    return hex(digest);
  }

  /** The hex digest of {@code text}'s UTF-8 bytes. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex digest of a file's content. */
  public static String hex(Path file) {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return hex(digest);
  }

  /** Completes {@code digest} and returns it as a content digest, {@code sha256:<hex>}. */
  public static String contentDigest(MessageDigest digest) {
    return PREFIX + hex(digest);
  }

  /** The content digest of {@code bytes}, {@code sha256:<hex>}. */
  public static String contentDigest(byte[] bytes) {
    return PREFIX + hex(bytes);
  }
}
