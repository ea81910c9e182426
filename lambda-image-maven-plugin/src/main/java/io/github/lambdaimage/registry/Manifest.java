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
    if (json().get("manifests") instanceof List<?> manifests) {
      for (Object node : manifests) {
        Map<String, Object> entry = member(node);
        entries.add(
            new Entry(
                text(entry, "digest"),
                text(entry, "mediaType"),
                Platform.of(member(entry.get("platform")))));
      }
    }
    return entries;
  }

  /** The digest of an image manifest's config blob. */
  public String configDigest() {
    String config = text(member(json().get("config")), "digest");
    if (config == null) {
      throw new EnvironmentException(
          "The manifest of " + reference + " (" + mediaType + ") has no config digest.");
    }
    return config;
  }

  /**
   * Parses a document the registry or its token service sent, which must be a JSON object. Read
   * with the streaming parser: Jackson's object mapper costs a push about 0.3 s to set up.
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

  /** {@code value} if it is an object, else an empty one (a missing or mistyped member). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> member(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** The member {@code name} as text (a number or boolean as written), or null when absent. */
  static String text(Map<String, Object> object, String name) {
    Object value = object.get(name);
    return value == null || value instanceof Map || value instanceof List
        ? null
        : String.valueOf(value);
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
