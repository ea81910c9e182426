package io.github.lambdaimage.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the server over real HTTP the way a runtime interface client does. */
class RuntimeApiServerTest {
  private static final String ARN = "arn:aws:lambda:eu-west-1:012345678912:function:hello";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newHttpClient();
  private RuntimeApiServer server;

  @BeforeEach
  void startServer() {
    server = RuntimeApiServer.startOnLoopback();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void nextDeliversTheEventWithEveryHeaderTheServiceSends() throws Exception {
    Invocation invocation =
        server.submit(
            new InvocationRequest(
                json("{\"name\":\"Ada\"}"),
                ARN,
                Duration.ofSeconds(30),
                "{\"client\":{}}",
                "{\"cognitoIdentityId\":\"id\"}"));

    long before = System.currentTimeMillis();
    HttpResponse<String> next = get("/2018-06-01/runtime/invocation/next");
    long after = System.currentTimeMillis();

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(header(next, "Lambda-Runtime-Aws-Request-Id")).isEqualTo(invocation.requestId());
    assertThat(Long.parseLong(header(next, "Lambda-Runtime-Deadline-Ms")))
        .isBetween(before + 30_000, after + 30_000);
    assertThat(header(next, "Lambda-Runtime-Invoked-Function-Arn")).isEqualTo(ARN);
    assertThat(header(next, "Lambda-Runtime-Trace-Id"))
        .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
    assertThat(header(next, "Lambda-Runtime-Client-Context")).isEqualTo("{\"client\":{}}");
    assertThat(header(next, "Lambda-Runtime-Cognito-Identity"))
        .isEqualTo("{\"cognitoIdentityId\":\"id\"}");
    assertThat(header(next, "Content-Type")).isEqualTo("application/json");
    assertThat(invocation.deliveredAt()).isPresent();
  }

  @Test
  void nextOmitsClientContextAndCognitoIdentityWhenNotGiven() throws Exception {
    server.submit(InvocationRequest.of(json("{}"), ARN, Duration.ofSeconds(30)));

    HttpResponse<String> next = get("/2018-06-01/runtime/invocation/next");

    assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).isEmpty();
    assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
  }

  @Test
  void nextBlocksUntilAnInvocationIsSubmittedAndMarksTheEndOfInit() throws Exception {
    CompletableFuture<HttpResponse<String>> next = getAsync("/2018-06-01/runtime/invocation/next");
    server.firstPoll().get(5, TimeUnit.SECONDS);
    Thread.sleep(300);
    assertThat(next).isNotDone();

    server.submit(InvocationRequest.of(json("{\"late\":true}"), ARN, Duration.ofSeconds(30)));

    assertThat(next.get(5, TimeUnit.SECONDS).body()).isEqualTo("{\"late\":true}");
  }

  @Test
  void invocationsAreDeliveredInTheOrderSubmitted() throws Exception {
    Invocation first = server.submit(InvocationRequest.of(json("1"), ARN, Duration.ofSeconds(30)));
    Invocation second = server.submit(InvocationRequest.of(json("2"), ARN, Duration.ofSeconds(30)));

    HttpResponse<String> one = get("/2018-06-01/runtime/invocation/next");
    post("/2018-06-01/runtime/invocation/" + first.requestId() + "/response", "\"one\"", null);
    HttpResponse<String> two = get("/2018-06-01/runtime/invocation/next");

    assertThat(List.of(one.body(), two.body())).containsExactly("1", "2");
    assertThat(header(two, "Lambda-Runtime-Aws-Request-Id")).isEqualTo(second.requestId());
  }

  @Test
  void aResponseIsAcceptedAndCompletesTheInvocation() throws Exception {
    Invocation invocation = deliverOne(Duration.ofSeconds(30));

    HttpResponse<String> posted =
        post(
            "/2018-06-01/runtime/invocation/" + invocation.requestId() + "/response",
            "{\"greeting\":\"hi\"}",
            null);

    assertThat(posted.statusCode()).isEqualTo(202);
    assertThat(posted.body()).isEqualTo("{\"status\":\"OK\"}");
    InvocationOutcome outcome = invocation.awaitOutcome(WAIT).orElseThrow();
    assertThat(outcome).isInstanceOf(InvocationOutcome.Response.class);
    InvocationOutcome.Response response = (InvocationOutcome.Response) outcome;
    assertThat(response.requestId()).isEqualTo(invocation.requestId());
    assertThat(response.bodyText()).isEqualTo("{\"greeting\":\"hi\"}");
    assertThat(response.duration()).isPositive();
  }

  @Test
  void anErrorIsAcceptedAndBecomesAFunctionErrorWithTheFunctionsOwnWords() throws Exception {
    Invocation invocation = deliverOne(Duration.ofSeconds(30));

    HttpResponse<String> posted =
        post(
            "/2018-06-01/runtime/invocation/" + invocation.requestId() + "/error",
            "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\","
                + "\"stackTrace\":[\"example.Thrower.handleRequest(Thrower.java:9)\"]}",
            "Runtime.Unhandled");

    assertThat(posted.statusCode()).isEqualTo(202);
    InvocationOutcome.FunctionError error =
        (InvocationOutcome.FunctionError) invocation.awaitOutcome(WAIT).orElseThrow();
    assertThat(error.error().errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.error().errorMessage()).isEqualTo("boom");
    assertThat(error.error().stackTrace())
        .containsExactly("example.Thrower.handleRequest(Thrower.java:9)");
  }

  @Test
  void anInitErrorFailsEveryWaitingInvocation() throws Exception {
    Invocation queued = server.submit(InvocationRequest.of(json("{}"), ARN, WAIT));

    HttpResponse<String> posted =
        post(
            "/2018-06-01/runtime/init/error",
            "{\"errorMessage\":\"Class not found: example.Missing\","
                + "\"errorType\":\"java.lang.ClassNotFoundException\"}",
            "Runtime.ImportModuleError");

    assertThat(posted.statusCode()).isEqualTo(202);
    InvocationOutcome.InitError error =
        (InvocationOutcome.InitError) queued.awaitOutcome(WAIT).orElseThrow();
    assertThat(error.error().describe())
        .isEqualTo("java.lang.ClassNotFoundException: Class not found: example.Missing");
    assertThat(server.initError()).contains(error.error());
    Invocation later = server.submit(InvocationRequest.of(json("{}"), ARN, WAIT));
    assertThat(later.awaitOutcome(WAIT)).containsInstanceOf(InvocationOutcome.InitError.class);
  }

  @Test
  void anUnknownRequestIdIsRejectedWithTheServicesErrorBody() throws Exception {
    HttpResponse<String> posted =
        post("/2018-06-01/runtime/invocation/no-such-id/response", "{}", null);

    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(posted.body())
        .isEqualTo("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
  }

  @Test
  void aSecondAnswerToTheSameInvocationIsRejected() throws Exception {
    Invocation invocation = deliverOne(Duration.ofSeconds(30));
    String path = "/2018-06-01/runtime/invocation/" + invocation.requestId();
    post(path + "/response", "\"first\"", null);

    HttpResponse<String> again = post(path + "/error", "{}", null);

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(
            ((InvocationOutcome.Response) invocation.awaitOutcome(WAIT).orElseThrow()).bodyText())
        .isEqualTo("\"first\"");
  }

  @Test
  void anInvocationNeverAnsweredTimesOutAtItsDeadline() throws Exception {
    Invocation invocation = deliverOne(Duration.ofMillis(300));

    InvocationOutcome outcome = invocation.awaitOutcome(WAIT).orElseThrow();

    assertThat(outcome)
        .isEqualTo(new InvocationOutcome.Timeout(invocation.requestId(), Duration.ofMillis(300)));
    HttpResponse<String> late =
        post("/2018-06-01/runtime/invocation/" + invocation.requestId() + "/response", "{}", null);
    assertThat(late.statusCode()).isEqualTo(400);
  }

  @Test
  void aQueuedInvocationHasNoOutcomeAndNoDeadlineRunning() throws Exception {
    Invocation invocation =
        server.submit(InvocationRequest.of(json("{}"), ARN, Duration.ofMillis(50)));

    assertThat(invocation.awaitOutcome(Duration.ofMillis(300))).isEmpty();
    assertThat(invocation.deliveredAt()).isEmpty();
  }

  @Test
  void unknownPathsAndWrongMethodsAreRejected() throws Exception {
    HttpResponse<String> unknown = get("/2018-06-01/runtime/nothing");
    HttpResponse<String> wrongMethod = post("/2018-06-01/runtime/invocation/next", "{}", null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"errorType\":\"InvalidPath\"");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(header(wrongMethod, "Allow")).isEqualTo("GET");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(server.hostAndPort()).isEqualTo("127.0.0.1:" + server.port());
  }

  @Test
  void refusesToListenOnAllInterfaces() throws Exception {
    InetAddress wildcard = InetAddress.getByName("0.0.0.0");

    assertThatThrownBy(() -> RuntimeApiServer.start(wildcard))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The Runtime API server must listen on one address, not on all interfaces (0.0.0.0).");
  }

  private Invocation deliverOne(Duration timeout) throws Exception {
    Invocation invocation = server.submit(InvocationRequest.of(json("{}"), ARN, timeout));
    assertThat(get("/2018-06-01/runtime/invocation/next").statusCode()).isEqualTo(200);
    return invocation;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return client.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String errorType)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (errorType != null) {
      builder.header("Lambda-Runtime-Function-Error-Type", errorType);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://" + server.hostAndPort() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElseThrow(() -> new AssertionError(name));
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
