package io.github.lambdaimage.context;

import io.github.lambdaimage.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hash of everything an image is built from: every context file (path and content, the rendered
 * Dockerfile included) and the build parameters (pinned base image, platform, build arguments,
 * labels). Equal hashes mean the build would produce the same image, so it can be skipped.
 */
public final class InputHash {

  private final SortedMap<String, String> parameters = new TreeMap<>();
  private final SortedMap<String, String> files = new TreeMap<>();

  /** Adds a named build parameter, e.g. {@code platform} = {@code linux/arm64}. */
  public InputHash parameter(String name, String value) {
    parameters.put(name, value == null ? "" : value);
    return this;
  }

  /** Adds every entry of {@code values} as parameter {@code prefix + key}. */
  public InputHash parameters(String prefix, Map<String, String> values) {
    values.forEach((key, value) -> parameter(prefix + key, value));
    return this;
  }

  /** Adds the files of an assembled context. */
  public InputHash context(BuildContext context) {
    files.putAll(context.files());
    return this;
  }

  /** The hash, {@code sha256:<hex>}. */
  public String digest() {
    MessageDigest digest = Sha256.newDigest();
    parameters.forEach((name, value) -> update(digest, "parameter", name, value));
    files.forEach((path, sha256) -> update(digest, "file", path, sha256));
    return Sha256.contentDigest(digest);
  }

  private static void update(MessageDigest digest, String kind, String key, String value) {
    digest.update((kind + '\0' + key + '\0' + value + '\n').getBytes(StandardCharsets.UTF_8));
  }
}
