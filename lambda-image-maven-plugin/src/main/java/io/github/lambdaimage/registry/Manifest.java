package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manifest as the registry served it.
 *
 * @param reference the reference it was fetched for
 * @param mediaType the manifest's media type (from its {@code mediaType} field, else the response's
 *     {@code Content-Type})
 * @param digest the registry's {@code Docker-Content-Digest}, or the sha256 of the body when the
 *     registry sent none
 * @param body the raw bytes, exactly as served
 */
public record Manifest(ImageReference reference, String mediaType, String digest, byte[] body) {

  /** True for a manifest list or an OCI index. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** True for a single-platform image manifest. */
  public boolean isImageManifest() {
    return MediaTypes.isImageManifest(mediaType);
  }

  /** The parsed body. */
  public Map<String, Object> json() {
    return parse(reference, body);
  }

  /** The entries of an index or manifest list; empty for an image manifest. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    Object manifests = json().get("manifests");
    if (!(manifests instanceof List<?> list)) {
      return entries;
    }
    for (Object element : list) {
      Map<String, Object> node = object(element);
      entries.add(
          new Entry(
              JsonText.text(node.get("digest")),
              JsonText.text(node.get("mediaType")),
              Platform.of(object(node.get("platform")))));
    }
    return entries;
  }

  /** The digest of an image manifest's config blob. */
  public String configDigest() {
    String config = JsonText.text(object(json().get("config")).get("digest"));
    if (config == null) {
      throw new EnvironmentException(
          "The manifest of " + reference + " (" + mediaType + ") has no config digest.");
    }
    return config;
  }

  /** {@code value} when it is a JSON object, else an empty one (a missing or malformed member). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * Parses a JSON object the registry or its token service sent.
   *
   * @throws EnvironmentException naming the reference when it is not a JSON object
   */
  static Map<String, Object> parse(ImageReference reference, byte[] body) {
    try {
      return JsonText.readObject(new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EnvironmentException(
          "The registry sent a document for " + reference + " that is not JSON: " + e.getMessage(),
          e);
    }
  }

  /**
   * One entry of an index.
   *
   * @param digest the entry's manifest digest
   * @param mediaType the entry's media type
   * @param platform the platform it declares; fields are {@code null} when it declares none
   */
  public record Entry(String digest, String mediaType, Platform platform) {}
}
