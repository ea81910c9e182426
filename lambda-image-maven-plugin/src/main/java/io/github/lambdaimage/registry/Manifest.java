package io.github.lambdaimage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True for a manifest list or an OCI index. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** True for a single-platform image manifest. */
  public boolean isImageManifest() {
    return MediaTypes.isImageManifest(mediaType);
  }

  /** The parsed body. */
  public JsonNode json() {
    return parse(reference, body);
  }

  /** The entries of an index or manifest list; empty for an image manifest. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode node : json().path("manifests")) {
      entries.add(
          new Entry(
              node.path("digest").asText(null),
              node.path("mediaType").asText(null),
              Platform.of(node.get("platform"))));
    }
    return entries;
  }

  /** The digest of an image manifest's config blob. */
  public String configDigest() {
    String config = json().path("config").path("digest").asText(null);
    if (config == null) {
      throw new EnvironmentException(
          "The manifest of " + reference + " (" + mediaType + ") has no config digest.");
    }
    return config;
  }

  static JsonNode parse(ImageReference reference, byte[] body) {
    try {
      return JSON.readTree(body);
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
