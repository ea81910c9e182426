package io.github.lambdaimage.invoke;

import java.nio.charset.StandardCharsets;

/**
 * One event to send to the function.
 *
 * @param name where it came from, for messages: the file name, or {@code default event {}}
 * @param payload the JSON document
 */
public record InvocationEvent(String name, byte[] payload) {

  /** The payload as text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
