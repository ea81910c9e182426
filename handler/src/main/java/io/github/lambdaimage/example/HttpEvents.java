package io.github.lambdaimage.example;

import java.util.Map;

/** Recognises the payload 2.0 request events of Function URLs and API Gateway HTTP APIs. */
final class HttpEvents {

  private HttpEvents() {}

  /** True for a Function URL / HTTP API request: it carries {@code requestContext.http}. */
  static boolean isHttpRequest(Map<String, Object> event) {
    return event.get("requestContext") instanceof Map<?, ?> requestContext
        && requestContext.get("http") instanceof Map<?, ?>;
  }

  /** The value of one query string parameter, or {@code null}. */
  static String queryParameter(Map<String, Object> event, String name) {
    if (event.get("queryStringParameters") instanceof Map<?, ?> parameters) {
      Object value = parameters.get(name);
      return value == null ? null : value.toString();
    }
    return null;
  }
}
