package io.github.lambdaimage.runtimeapi;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Writes the Runtime API's responses with the status codes and headers of the real service. */
final class RuntimeApiResponses {
  private RuntimeApiResponses() {}

  /** {@code 200} with the event and the invocation headers. */
  static void event(HttpExchange exchange, Invocation invocation, Instant deadline)
      throws IOException {
    InvocationRequest request = invocation.request();
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline.toEpochMilli()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", request.invokedFunctionArn());
    headers.set("Lambda-Runtime-Trace-Id", traceId(Instant.now()));
    if (request.clientContext() != null) {
      headers.set("Lambda-Runtime-Client-Context", request.clientContext());
    }
    if (request.cognitoIdentity() != null) {
      headers.set("Lambda-Runtime-Cognito-Identity", request.cognitoIdentity());
    }
    send(exchange, 200, request.payload());
  }

  /** {@code 202 Accepted} with {@code {"status":"OK"}}, as for responses and errors. */
  static void accepted(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, 202, json(Map.of("status", "OK")));
  }

  /** An error status with the service's {@code {errorMessage, errorType}} body. */
  static void error(HttpExchange exchange, int status, String errorType, String errorMessage)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("errorMessage", errorMessage);
    body.put("errorType", errorType);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, json(body));
  }

  /** An X-Ray trace header: {@code Root=1-<epoch seconds hex>-<96 bits>;Parent=…;Sampled=0}. */
  static String traceId(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%08x%016x;Parent=%016x;Sampled=0",
        now.getEpochSecond(), random.nextInt(), random.nextLong(), random.nextLong());
  }

  private static byte[] json(Object value) {
    return JsonText.writeCompact(value).getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
