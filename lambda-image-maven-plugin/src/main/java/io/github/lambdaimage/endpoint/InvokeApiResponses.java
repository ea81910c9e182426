package io.github.lambdaimage.endpoint;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.runtimeapi.InvocationOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes the Invoke API's answers with the status codes, headers and bodies Lambda sends. */
final class InvokeApiResponses {

  /** Names the request in every answer, as Lambda's front end does. */
  static final String REQUEST_ID = "x-amzn-RequestId";

  /** {@code Unhandled} when the function failed; the body is then the error document. */
  static final String FUNCTION_ERROR = "X-Amz-Function-Error";

  /** The version that ran, always {@code $LATEST} here. */
  static final String EXECUTED_VERSION = "X-Amz-Executed-Version";

  /** The error code the SDKs read to pick the exception type. */
  static final String ERROR_TYPE = "x-amzn-ErrorType";

  private InvokeApiResponses() {}

  /**
   * {@code 200} with the function's answer: its payload, or, for a function error, the error
   * document and {@code X-Amz-Function-Error: Unhandled}.
   */
  static void outcome(HttpExchange exchange, InvocationOutcome outcome) throws IOException {
    String requestId = outcome.requestId();
    if (outcome instanceof InvocationOutcome.Response response) {
      send(exchange, 200, requestId, null, response.body());
    } else if (outcome instanceof InvocationOutcome.FunctionError error) {
      send(exchange, 200, requestId, "Unhandled", utf8(error.error().rawBody()));
    } else if (outcome instanceof InvocationOutcome.InitError error) {
      send(exchange, 200, requestId, "Unhandled", utf8(error.error().rawBody()));
    } else if (outcome instanceof InvocationOutcome.Timeout timeout) {
      functionError(
          exchange,
          requestId,
          "Sandbox.Timedout",
          "RequestId: "
              + requestId
              + " Error: Task timed out after "
              + String.format(Locale.ROOT, "%.2f", timeout.timeout().toMillis() / 1000.0)
              + " seconds");
    }
  }

  /**
   * {@code 200} with {@code X-Amz-Function-Error: Unhandled} and {@code {errorType, errorMessage}}.
   */
  static void functionError(
      HttpExchange exchange, String requestId, String errorType, String errorMessage)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("errorType", errorType);
    body.put("errorMessage", errorMessage);
    send(exchange, 200, requestId, "Unhandled", json(body));
  }

  /** {@code 202 Accepted}, empty: an {@code Event} invocation was queued. */
  static void accepted(HttpExchange exchange, String requestId) throws IOException {
    exchange.getResponseHeaders().set(REQUEST_ID, requestId);
    exchange.sendResponseHeaders(202, -1);
  }

  /** {@code 204 No Content}: a {@code DryRun} found the function. */
  static void dryRun(HttpExchange exchange, String requestId) throws IOException {
    exchange.getResponseHeaders().set(REQUEST_ID, requestId);
    exchange.sendResponseHeaders(204, -1);
  }

  /**
   * A service error: the status, {@code x-amzn-ErrorType: <code>} and {@code {Type, Message}}, the
   * shape the AWS SDKs turn into the exception named by {@code code}.
   *
   * @param type {@code User} for the caller's mistakes, {@code Service} for the endpoint's
   */
  static void serviceError(
      HttpExchange exchange, int status, String requestId, String code, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().set(ERROR_TYPE, code);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Type", type);
    body.put("Message", message);
    exchange.getResponseHeaders().set(REQUEST_ID, requestId);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    byte[] bytes = json(body);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void send(
      HttpExchange exchange, int status, String requestId, String functionError, byte[] body)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set(REQUEST_ID, requestId);
    headers.set(EXECUTED_VERSION, FunctionReference.LATEST);
    if (functionError != null) {
      headers.set(FUNCTION_ERROR, functionError);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(Object value) {
    return utf8(JsonText.writeCompact(value));
  }
}
