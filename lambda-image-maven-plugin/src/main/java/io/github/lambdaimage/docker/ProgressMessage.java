package io.github.lambdaimage.docker;

import java.util.Map;

/**
 * One message of the engine's push stream, whichever client read it.
 *
 * @param id the layer (or tag) the message is about, or {@code null}
 * @param status e.g. {@code Pushed}, {@code Layer already exists}, or {@code null}
 * @param current bytes done, or {@code null}
 * @param total bytes in all, or {@code null}
 * @param stream free text, as Podman reports its copying ({@code Copying blob sha256:…}), or {@code
 *     null}
 * @param digest the manifest digest in an {@code aux} message, or {@code null}
 * @param error the engine's error, or {@code null}
 */
public record ProgressMessage(
    String id,
    String status,
    Long current,
    Long total,
    String stream,
    String digest,
    String error) {

  /** One message of the Engine API's push (or pull) stream, as JSON. */
  public static ProgressMessage of(Map<String, Object> message) {
    Map<?, ?> detail = message.get("progressDetail") instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> aux = message.get("aux") instanceof Map<?, ?> map ? map : Map.of();
    return new ProgressMessage(
        message.get("id") instanceof String id ? id : null,
        message.get("status") instanceof String status ? status : null,
        detail.get("current") instanceof Number current ? current.longValue() : null,
        detail.get("total") instanceof Number total ? total.longValue() : null,
        message.get("stream") instanceof String stream ? stream : null,
        aux.get("Digest") instanceof String digest ? digest : null,
        message.get("error") != null ? errorOf(message) : null);
  }

  /** A message carrying only the error {@code error}. */
  public static ProgressMessage failure(String error) {
    return new ProgressMessage(null, null, null, null, null, null, error);
  }

  /** The message of a streamed error: its {@code errorDetail.message}, else its {@code error}. */
  static String errorOf(Map<String, Object> message) {
    if (message.get("errorDetail") instanceof Map<?, ?> detail
        && detail.get("message") instanceof String text) {
      return text;
    }
    return String.valueOf(message.get("error"));
  }
}
