package io.github.lambdaimage.runtimeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Lambda service's side of the Runtime API, version {@value #API_VERSION}:
 * the runtime in a container long-polls {@code /invocation/next}, receives the events {@linkplain
 * #submit(InvocationRequest) submitted} here with the headers the real service sends, and posts a
 * response or an error back. Serves plain HTTP on one address only, normally loopback.
 */
public final class RuntimeApiServer implements AutoCloseable {

  /** The Runtime API version in every path. */
  public static final String API_VERSION = "2018-06-01";

  private static final String ROOT = "/" + API_VERSION + "/runtime/";
  private static final Pattern INVOCATION_POST =
      Pattern.compile("/" + API_VERSION + "/runtime/invocation/([^/]+)/(response|error)");
  private static final String NEXT = ROOT + "invocation/next";
  private static final String INIT_ERROR = ROOT + "init/error";
  private static final long POLL_SLICE_MILLIS = 200;

  /**
   * The JDK server leaves Nagle's algorithm on unless this is set (read once per JVM); with it on,
   * each event and response waits for the peer's delayed ACK, adding about 40 ms to every warm
   * invocation.
   */
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer http;
  private final ExecutorService handlers;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final LinkedBlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
  private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Instant> firstPoll = new CompletableFuture<>();
  private final CompletableFuture<ErrorReport> initError = new CompletableFuture<>();
  private volatile boolean closed;

  private RuntimeApiServer(HttpServer http, Clock clock) {
    this.http = http;
    this.clock = clock;
    this.handlers = Executors.newCachedThreadPool(DaemonThreads.named("lambda-runtime-api"));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lambda-timeouts"));
    http.setExecutor(handlers);
    http.createContext("/", this::handle);
  }

  /** Starts a server on {@code 127.0.0.1} and an ephemeral port. */
  public static RuntimeApiServer startOnLoopback() {
    return start(InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a server on an ephemeral port of one address.
   *
   * @param bindAddress the only address to listen on; never the wildcard address
   */
  public static RuntimeApiServer start(InetAddress bindAddress) {
    if (bindAddress.isAnyLocalAddress()) {
      throw new IllegalArgumentException(
          "The Runtime API server must listen on one address, not on all interfaces ("
              + bindAddress.getHostAddress()
              + ").");
    }
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
      RuntimeApiServer server = new RuntimeApiServer(http, Clock.systemUTC());
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + bindAddress.getHostAddress() + ": " + e.getMessage(), e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API} for a runtime on this host. */
  public String hostAndPort() {
    return http.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  /**
   * Queues an invocation. The runtime receives it on its next {@code /invocation/next}; the
   * function timeout starts then.
   */
  public Invocation submit(InvocationRequest request) {
    return submit(UUID.randomUUID().toString(), request);
  }

  /**
   * Queues an invocation under a request id chosen by the caller, e.g. the one an Invoke API
   * request was answered with.
   */
  public Invocation submit(String requestId, InvocationRequest request) {
    Invocation invocation = new Invocation(requestId, request);
    initError.thenAccept(error -> failWithInitError(invocation, error));
    queue.add(invocation);
    return invocation;
  }

  /** Completes when the runtime first asks for an invocation, i.e. when its init is done. */
  public CompletableFuture<Instant> firstPoll() {
    return firstPoll.copy();
  }

  /** The error the runtime posted to {@code /init/error}, if any. */
  public Optional<ErrorReport> initError() {
    return Optional.ofNullable(initError.getNow(null));
  }

  /** Stops serving; queued and in-flight invocations stay without outcome. */
  @Override
  public void close() {
    closed = true;
    http.stop(0);
    handlers.shutdownNow();
    timers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher invocationPost = INVOCATION_POST.matcher(path);
      if (path.equals(NEXT)) {
        requireMethod(exchange, "GET", () -> next(exchange));
      } else if (invocationPost.matches()) {
        String requestId = invocationPost.group(1);
        boolean isError = invocationPost.group(2).equals("error");
        requireMethod(exchange, "POST", () -> answer(exchange, requestId, isError));
      } else if (path.equals(INIT_ERROR)) {
        requireMethod(exchange, "POST", () -> initError(exchange));
      } else {
        RuntimeApiResponses.error(
            exchange, 404, "InvalidPath", "No Runtime API resource at " + method + " " + path);
      }
    }
  }

  private void requireMethod(HttpExchange exchange, String method, IoAction action)
      throws IOException {
    if (exchange.getRequestMethod().equals(method)) {
      action.run();
    } else {
      exchange.getResponseHeaders().set("Allow", method);
      RuntimeApiResponses.error(
          exchange,
          405,
          "MethodNotAllowed",
          exchange.getRequestURI().getPath() + " accepts " + method + " only");
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    firstPoll.complete(clock.instant());
    Invocation invocation = takeNext();
    if (invocation == null) {
      RuntimeApiResponses.error(exchange, 500, "ServiceStopped", "The Runtime API server stopped");
      return;
    }
    Instant now = clock.instant();
    invocation.markDelivered(now);
    inFlight.put(invocation.requestId(), invocation);
    try {
      RuntimeApiResponses.event(exchange, invocation, now.plus(invocation.request().timeout()));
    } catch (IOException runtimeWentAway) {
      inFlight.remove(invocation.requestId());
      invocation.markQueuedAgain();
      queue.addFirst(invocation);
      throw runtimeWentAway;
    }
    timers.schedule(
        () -> timeOut(invocation),
        invocation.request().timeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private Invocation takeNext() {
    try {
      while (!closed) {
        Invocation next = queue.pollFirst(POLL_SLICE_MILLIS, TimeUnit.MILLISECONDS);
        if (next != null && !next.isDone()) {
          return next;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private void answer(HttpExchange exchange, String requestId, boolean isError) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Invocation invocation = inFlight.remove(requestId);
    if (invocation == null) {
      RuntimeApiResponses.error(exchange, 400, "InvalidRequestID", "Invalid request ID");
      return;
    }
    var duration = invocation.sinceDelivery(clock.instant());
    InvocationOutcome outcome =
        isError
            ? new InvocationOutcome.FunctionError(
                requestId, ErrorReport.parse(text(body), errorTypeHeader(exchange)), duration)
            : new InvocationOutcome.Response(requestId, body, duration);
    invocation.complete(outcome);
    RuntimeApiResponses.accepted(exchange);
  }

  private void initError(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    initError.complete(ErrorReport.parse(text(body), errorTypeHeader(exchange)));
    RuntimeApiResponses.accepted(exchange);
  }

  private void failWithInitError(Invocation invocation, ErrorReport error) {
    inFlight.remove(invocation.requestId());
    invocation.complete(new InvocationOutcome.InitError(invocation.requestId(), error));
  }

  private void timeOut(Invocation invocation) {
    if (inFlight.remove(invocation.requestId(), invocation)) {
      invocation.complete(
          new InvocationOutcome.Timeout(invocation.requestId(), invocation.request().timeout()));
    }
  }

  private static String errorTypeHeader(HttpExchange exchange) {
    return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
