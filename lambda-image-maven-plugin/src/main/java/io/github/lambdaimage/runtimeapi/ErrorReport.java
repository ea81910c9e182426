package io.github.lambdaimage.runtimeapi;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    Map<String, Object> json;
    try {
      json = JsonText.readObject(body);
    } catch (IOException notAnObject) {
      return new ErrorReport(fallbackType, body, List.of(), body);
    }
    String type = text(json.get("errorType"), fallbackType);
    String message = text(json.get("errorMessage"), "");
    List<String> trace = new ArrayList<>();
    Object stack = json.get("stackTrace");
    if (stack instanceof List<?> lines) {
      lines.forEach(line -> trace.add(String.valueOf(JsonText.text(line))));
    } else if (stack instanceof String lines) {
      trace.addAll(lines.lines().toList());
    }
    return new ErrorReport(type, message, trace, body);
  }

  private static String text(Object value, String fallback) {
    String text = JsonText.text(value);
    return text == null || text.isEmpty() ? fallback : text;
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
