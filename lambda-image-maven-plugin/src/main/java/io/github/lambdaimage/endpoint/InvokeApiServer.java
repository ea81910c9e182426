package io.github.lambdaimage.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdaimage.invoke.FunctionFailedException;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.InvocationEvent;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.runtimeapi.DaemonThreads;
import io.github.lambdaimage.runtimeapi.InvocationOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Lambda service's Invoke API ({@code POST
 * /2015-03-31/functions/{FunctionName}/invocations}), in front of {@link FunctionPool}s: {@code
 * RequestResponse} answers with the function's payload (or its error and {@code
 * X-Amz-Function-Error: Unhandled}), {@code Event} answers {@code 202} at once and runs the
 * function in the background, {@code DryRun} answers {@code 204}. Unknown functions and versions
 * other than {@code $LATEST} get Lambda's {@code 404 ResourceNotFoundException}. Listens on
 * loopback only.
 */
final class InvokeApiServer implements AutoCloseable {

  /** The Lambda API version in the path. */
  static final String API_VERSION = "2015-03-31";

  /**
   * Names the invocation type: {@code RequestResponse} (default), {@code Event}, {@code DryRun}.
   */
  static final String INVOCATION_TYPE = "X-Amz-Invocation-Type";

  private static final Pattern INVOKE =
      Pattern.compile("/" + API_VERSION + "/functions/([^/]+)/invocations");
  private static final String NO_REASON = " Error: Runtime exited without providing a reason";

  private final HttpServer http;
  private final Map<String, FunctionPool> functions;
  private final String region;
  private final BuildLog log;
  private final ExecutorService handlers =
      Executors.newCachedThreadPool(DaemonThreads.named("lambda-invoke"));
  private final ExecutorService events =
      Executors.newCachedThreadPool(DaemonThreads.named("lambda-event"));

  private InvokeApiServer(
      HttpServer http, Map<String, FunctionPool> functions, String region, BuildLog log) {
    this.http = http;
    this.functions = Map.copyOf(functions);
    this.region = region;
    this.log = log;
    http.setExecutor(handlers);
    http.createContext("/", this::handle);
  }

  /**
   * Starts serving on {@code 127.0.0.1}.
   *
   * @param port the port, or 0 for a free one
   * @param functions the functions by the name callers use
   * @param region the region in the ARNs of error messages
   * @throws UncheckedIOException when the port is taken
   */
  static InvokeApiServer start(
      int port, Map<String, FunctionPool> functions, String region, BuildLog log) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(loopback, port), 0);
      InvokeApiServer server = new InvokeApiServer(http, functions, region, log);
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on "
              + loopback.getHostAddress()
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another port with -Dlambda.endpoint.port, or 0 for a free one.",
          e);
    }
  }

  /** The port the server listens on. */
  int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}, what an SDK client's {@code endpointOverride} takes. */
  String url() {
    return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  /** Stops serving and abandons {@code Event} invocations that still run. */
  @Override
  public void close() {
    http.stop(0);
    handlers.shutdownNow();
    events.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
      if (!invoke.matches() || !exchange.getRequestMethod().equals("POST")) {
        InvokeApiResponses.serviceError(
            exchange,
            404,
            requestId,
            "UnknownOperationException",
            "User",
            "This endpoint serves Invoke only: POST /"
                + API_VERSION
                + "/functions/{name}/invocations");
        return;
      }
      FunctionReference reference =
          FunctionReference.parse(
              URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8),
              queryParameter(exchange, "Qualifier"));
      FunctionPool function = reference == null ? null : functions.get(reference.name());
      if (function == null || !reference.latest()) {
        notFound(exchange, requestId, reference, invoke.group(1));
        return;
      }
      String type = exchange.getRequestHeaders().getFirst(INVOCATION_TYPE);
      byte[] payload = exchange.getRequestBody().readAllBytes();
      InvocationEvent event = new InvocationEvent("request " + requestId, payload);
      switch (type == null ? "RequestResponse" : type) {
        case "RequestResponse" -> requestResponse(exchange, function, requestId, event);
        case "Event" -> {
          events.execute(() -> inBackground(function, requestId, event));
          InvokeApiResponses.accepted(exchange, requestId);
        }
        case "DryRun" -> InvokeApiResponses.dryRun(exchange, requestId);
        default ->
            InvokeApiResponses.serviceError(
                exchange,
                400,
                requestId,
                "InvalidParameterValueException",
                "User",
                "1 validation error detected: Value '"
                    + type
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy"
                    + " enum value set: [Event, RequestResponse, DryRun]");
      }
    }
  }

  private void requestResponse(
      HttpExchange exchange, FunctionPool function, String requestId, InvocationEvent event)
      throws IOException {
    InvocationOutcome outcome;
    try {
      outcome = function.invoke(requestId, event);
    } catch (FunctionFailedException e) {
      log.warn("[" + function.name() + "] " + e.getMessage());
      InvokeApiResponses.functionError(
          exchange, requestId, "Runtime.ExitError", "RequestId: " + requestId + NO_REASON);
      return;
    } catch (InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("[" + function.name() + "] Invocation " + requestId + " failed: " + e.getMessage());
      InvokeApiResponses.serviceError(
          exchange, 500, requestId, "ServiceException", "Service", String.valueOf(e.getMessage()));
      return;
    }
    log.info("[" + function.name() + "] " + describe(outcome));
    InvokeApiResponses.outcome(exchange, outcome);
  }

  private void inBackground(FunctionPool function, String requestId, InvocationEvent event) {
    try {
      InvocationOutcome outcome = function.invoke(requestId, event);
      if (outcome instanceof InvocationOutcome.Response) {
        log.info("[" + function.name() + "] Event " + describe(outcome));
      } else {
        log.warn("[" + function.name() + "] Event " + describe(outcome));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("[" + function.name() + "] Event " + requestId + " failed: " + e.getMessage());
    }
  }

  private void notFound(
      HttpExchange exchange, String requestId, FunctionReference reference, String rawName)
      throws IOException {
    String arn =
        reference == null
            ? URLDecoder.decode(rawName, StandardCharsets.UTF_8)
            : reference.arn(region, FunctionSettings.ACCOUNT_ID);
    InvokeApiResponses.serviceError(
        exchange,
        404,
        requestId,
        "ResourceNotFoundException",
        "User",
        "Function not found: " + arn);
  }

  private static String describe(InvocationOutcome outcome) {
    String id = outcome.requestId();
    if (outcome instanceof InvocationOutcome.Response response) {
      return id + " answered in " + response.duration().toMillis() + " ms";
    }
    if (outcome instanceof InvocationOutcome.FunctionError error) {
      return id + " failed: " + error.error().describe();
    }
    if (outcome instanceof InvocationOutcome.InitError error) {
      return id + " failed to initialise: " + error.error().describe();
    }
    return id + " timed out";
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
