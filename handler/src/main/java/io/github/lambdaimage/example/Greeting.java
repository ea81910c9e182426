package io.github.lambdaimage.example;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the handler answers: a greeting, the architecture and Java version it runs on, and the
 * request id.
 */
record Greeting(String message, String architecture, String javaVersion, String requestId) {

  private static final String DEFAULT_NAME = "world";

  /** The greeting for {@code name} (or "world") in the current JVM and invocation. */
  static Greeting of(String name, Context context) {
    String who = name == null || name.isBlank() ? DEFAULT_NAME : name;
    return new Greeting(
        "Hello, " + who + "!",
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        context == null ? null : context.getAwsRequestId());
  }

  /** The fields in a fixed order, for the runtime's JSON serialiser. */
  Map<String, Object> toMap() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("message", message);
    fields.put("architecture", architecture);
    fields.put("javaVersion", javaVersion);
    fields.put("requestId", requestId);
    return fields;
  }

  /** The same fields as a JSON object, for an HTTP response body. */
  String toJson() {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, Object> field : toMap().entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(field.getKey())).append(':');
      json.append(field.getValue() == null ? "null" : quote(field.getValue().toString()));
    }
    return json.append('}').toString();
  }

  private static String quote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
