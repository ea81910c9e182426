package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.registry.ImageReference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A base image pinned to one platform's manifest digest.
 *
 * @param configured the base image as configured, e.g. {@code 127.0.0.1:5000/team/java:17}
 * @param platform the platform the digest belongs to, e.g. {@code linux/arm64}
 * @param name the image name without tag, e.g. {@code 127.0.0.1:5000/team/java}
 * @param digest the platform manifest's digest, {@code sha256:…}
 * @param tag the configured tag, or {@code null} when the base was given by digest only
 */
public record PinnedBaseImage(
    String configured, String platform, String name, String digest, String tag) {

  /** Pins {@code reference} to {@code digest}. */
  static PinnedBaseImage of(
      String configured, String platform, ImageReference reference, String digest) {
    return new PinnedBaseImage(
        configured, platform, reference.name(), digest, reference.tag().orElse(null));
  }

  /** The pin as written to {@code base.json}. */
  Map<String, Object> toJsonObject() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("configured", configured);
    object.put("platform", platform);
    object.put("name", name);
    object.put("digest", digest);
    object.put("tag", tag);
    return object;
  }

  /**
   * The pin in a {@code base.json} object.
   *
   * @throws IOException when a member is not a string
   */
  static PinnedBaseImage fromJsonObject(Map<String, Object> object) throws IOException {
    return new PinnedBaseImage(
        JsonText.string(object, "configured"),
        JsonText.string(object, "platform"),
        JsonText.string(object, "name"),
        JsonText.string(object, "digest"),
        JsonText.string(object, "tag"));
  }

  /** {@code name@sha256:…}: what {@code FROM} names, so no other platform's image can match. */
  public String fromReference() {
    return name + "@" + digest;
  }

  /** {@code name:tag@sha256:…} (tag kept for readers), as recorded in {@code image.json}. */
  public String recordedReference() {
    return name + (tag == null ? "" : ":" + tag) + "@" + digest;
  }
}
