package io.github.lambdaimage.runtimeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An error a runtime posted to {@code /invocation/{id}/error} or {@code /init/error}: the body
 * {@code {errorMessage, errorType, stackTrace}} and the {@code Lambda-Runtime-Function-Error-Type}
 * header.
 *
 * @param errorType the body's {@code errorType}, else the header's value, else {@code Unknown}
 * @param errorMessage the body's {@code errorMessage}, else the raw body
 * @param stackTrace the body's {@code stackTrace} lines, empty when absent
 * @param rawBody the body exactly as posted
 */
public record ErrorReport(
    String errorType, String errorMessage, List<String> stackTrace, String rawBody) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ErrorReport {
    stackTrace = List.copyOf(stackTrace);
  }

  /**
   * Reads a posted error. A body that is not the documented JSON object is kept whole as the
   * message, so the function's own words are never lost.
   *
   * @param body the request body
   * @param errorTypeHeader the {@code Lambda-Runtime-Function-Error-Type} header, may be null
   */
  public static ErrorReport parse(String body, String errorTypeHeader) {
    String fallbackType = errorTypeHeader == null ? "Unknown" : errorTypeHeader;
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException notJson) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      return new ErrorReport(fallbackType, body, List.of(), body);
    }
    String type = text(json.get("errorType"), fallbackType);
    String message = text(json.get("errorMessage"), "");
    List<String> trace = new ArrayList<>();
    JsonNode stack = json.get("stackTrace");
    if (stack != null && stack.isArray()) {
      stack.forEach(line -> trace.add(line.isTextual() ? line.asText() : line.toString()));
    } else if (stack != null && stack.isTextual()) {
      trace.addAll(stack.asText().lines().toList());
    }
    return new ErrorReport(type, message, trace, body);
  }

  private static String text(JsonNode node, String fallback) {
    if (node == null || node.isNull() || node.asText().isEmpty()) {
      return fallback;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  /** {@code errorType: errorMessage} followed by the stack trace, one line per frame. */
  public String describe() {
    StringBuilder text = new StringBuilder(errorType);
    if (!errorMessage.isEmpty()) {
      text.append(": ").append(errorMessage);
    }
    stackTrace.forEach(line -> text.append(System.lineSeparator()).append("    ").append(line));
    return text.toString();
  }
}
