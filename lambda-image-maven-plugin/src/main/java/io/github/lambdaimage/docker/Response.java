package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A whole response of the engine: its status and body. */
record Response(int status, String body) {

  static Response read(int status, InputStream body) throws IOException {
    return new Response(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The engine's error message ({@code {"message": …}}), else the body. */
  String message() {
    try {
      if (JsonText.readObject(body).get("message") instanceof String message) {
        return message;
      }
    } catch (IOException e) {
      // not JSON: the body as it is
    }
    return body.strip();
  }

  /**
   * Fails unless the status is {@code expected}.
   *
   * @param what what the engine was asked, e.g. {@code start container 1f3…}
   */
  Response expect(EngineEndpoint endpoint, int expected, String what) {
    if (status != expected) {
      throw new EnvironmentException(
          "The Docker Engine at "
              + endpoint.host()
              + " could not "
              + what
              + ": it answered "
              + status
              + " "
              + message());
    }
    return this;
  }

  /** The body as a JSON object, when the status is {@code expected}. */
  Map<String, Object> json(EngineEndpoint endpoint, int expected, String what) {
    expect(endpoint, expected, what);
    try {
      return JsonText.readObject(body);
    } catch (IOException e) {
      throw unreadable(endpoint, what, e);
    }
  }

  static EnvironmentException unreadable(EngineEndpoint endpoint, String what, IOException e) {
    return new EnvironmentException(
        "The Docker Engine at "
            + endpoint.host()
            + " sent an unreadable answer when asked to "
            + what
            + ": "
            + e.getMessage(),
        e);
  }
}
