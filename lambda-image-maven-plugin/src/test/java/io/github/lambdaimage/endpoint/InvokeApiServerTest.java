package io.github.lambdaimage.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.invoke.FunctionFailedException;
import io.github.lambdaimage.invoke.InvocationEvent;
import io.github.lambdaimage.invoke.WarmFunction;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.runtimeapi.ErrorReport;
import io.github.lambdaimage.runtimeapi.InvocationOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Invoke API's HTTP semantics over real HTTP, with functions that answer from the test instead
 * of from a container (the container side is {@code LocalEndpointEngineIT}'s).
 */
class InvokeApiServerTest {
  private static final String ECHO = "echo";

  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingLog log = new RecordingLog();
  private final List<FakeFunction> started = new CopyOnWriteArrayList<>();
  private final List<InvokeApiServer> servers = new ArrayList<>();
  private final List<FunctionPool> pools = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(InvokeApiServer::close);
    pools.forEach(FunctionPool::close);
  }

  @Test
  void requestResponseAnswersWithThePayloadTheExecutedVersionAndTheFunctionsRequestId()
      throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    HttpResponse<String> response = post(server, ECHO, null, "{\"name\":\"Ada\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(response.headers().firstValue("X-Amz-Executed-Version")).hasValue("$LATEST");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
    assertThat(response.headers().firstValue("x-amzn-RequestId"))
        .hasValue(started.get(0).requestIds.get(0));
  }

  @Test
  void aFunctionErrorAnswers200WithUnhandledAndTheErrorDocumentAsTheRuntimePostedIt()
      throws Exception {
    String posted =
        "{\"errorMessage\":\"no\",\"errorType\":\"java.lang.IllegalStateException\","
            + "\"stackTrace\":[\"example.Handler.handleRequest(Handler.java:9)\"]}";
    InvokeApiServer server =
        serve(
            1,
            (requestId, event) ->
                new InvocationOutcome.FunctionError(
                    requestId, ErrorReport.parse(posted, null), Duration.ofMillis(3)));

    HttpResponse<String> response = post(server, ECHO, "RequestResponse", "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    assertThat(response.body()).isEqualTo(posted);
    assertThat(started).hasSize(1);
  }

  @Test
  void aTimeoutAnswersSandboxTimedoutAndTheNextCallGetsANewContainer() throws Exception {
    InvokeApiServer server =
        serve(
            1,
            (requestId, event) -> new InvocationOutcome.Timeout(requestId, Duration.ofSeconds(3)));

    HttpResponse<String> response = post(server, ECHO, null, "{}");
    post(server, ECHO, null, "{}");

    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    assertThat(response.body())
        .isEqualTo(
            "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
                + requestId
                + " Error: Task timed out after 3.00 seconds\"}");
    assertThat(started).hasSize(2);
    assertThat(started.get(0).closed).isTrue();
  }

  @Test
  void aContainerThatExitsAnswersRuntimeExitErrorAndIsReplaced() throws Exception {
    InvokeApiServer server =
        serve(
            1,
            (requestId, event) -> {
              throw new FunctionFailedException("The container exited with code 3");
            });

    HttpResponse<String> response = post(server, ECHO, null, "{}");

    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    assertThat(response.body())
        .isEqualTo(
            "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: "
                + requestId
                + " Error: Runtime exited without providing a reason\"}");
    assertThat(started.get(0).closed).isTrue();
    assertThat(log.warnings()).contains("[echo] The container exited with code 3");
  }

  @Test
  void anEventAnswers202AtOnceAndRunsTheFunctionInTheBackgroundUnderTheSameRequestId()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> ran = new CompletableFuture<>();
    InvokeApiServer server =
        serve(
            1,
            (requestId, event) -> {
              await(release);
              ran.complete(requestId + " " + event.payloadText());
              return FakeFunction.echo(requestId, event);
            });

    HttpResponse<String> response = post(server, ECHO, "Event", "{\"n\":1}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
    assertThat(ran).isNotDone();
    release.countDown();
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo(requestId + " {\"n\":1}");
  }

  @Test
  void aDryRunAnswers204WithoutRunningTheFunction() throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    HttpResponse<String> response = post(server, ECHO, "DryRun", "{}");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(started.get(0).requestIds).isEmpty();
  }

  @Test
  void anUnknownFunctionIsResourceNotFoundWithLambdasMessage() throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    HttpResponse<String> response = post(server, "nope", null, "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("ResourceNotFoundException");
    assertThat(response.body())
        .isEqualTo(
            "{\"Type\":\"User\",\"Message\":\"Function not found:"
                + " arn:aws:lambda:eu-west-1:000000000000:function:nope\"}");
  }

  @Test
  void theFunctionIsFoundByArnAndByLatestButNotByAnotherVersion() throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    assertThat(
            post(server, "arn:aws:lambda:eu-west-1:000000000000:function:echo", null, "1")
                .statusCode())
        .isEqualTo(200);
    assertThat(post(server, "echo:%24LATEST", null, "2").statusCode()).isEqualTo(200);
    HttpResponse<String> versioned = post(server, "echo:3", null, "3");
    assertThat(versioned.statusCode()).isEqualTo(404);
    assertThat(versioned.body())
        .contains("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:echo:3");
  }

  @Test
  void anUnknownInvocationTypeIsRejectedNamingTheAcceptedOnes() throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    HttpResponse<String> response = post(server, ECHO, "Later", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidParameterValueException");
    assertThat(response.body())
        .contains(
            "Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy"
                + " enum value set: [Event, RequestResponse, DryRun]");
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 2})
  void concurrentCallsRunOnAtMostConcurrencyContainersAndTheRestQueue(int concurrency)
      throws Exception {
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger mostBusy = new AtomicInteger();
    InvokeApiServer server = serve(concurrency, slowEcho(busy, mostBusy));

    List<HttpResponse<String>> responses = postConcurrently(server, 4);

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(mostBusy).hasValue(concurrency);
    assertThat(started).hasSize(concurrency);
  }

  @Test
  void otherPathsAndMethodsAreUnknownOperations() throws Exception {
    InvokeApiServer server = serve(1, FakeFunction::echo);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/2015-03-31/functions/echo/invocations"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
  }

  private InvokeApiServer serve(
      int concurrency, BiFunction<String, InvocationEvent, InvocationOutcome> behaviour) {
    FunctionPool pool =
        new FunctionPool(
            ECHO,
            concurrency,
            () -> {
              FakeFunction function = new FakeFunction(behaviour);
              started.add(function);
              return function;
            });
    pool.warmUp();
    pools.add(pool);
    InvokeApiServer server = InvokeApiServer.start(0, Map.of(ECHO, pool), "eu-west-1", log);
    servers.add(server);
    return server;
  }

  private HttpResponse<String> post(
      InvokeApiServer server, String function, String invocationType, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(server.url() + "/2015-03-31/functions/" + function + "/invocations"))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (invocationType != null) {
      request.header("X-Amz-Invocation-Type", invocationType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<HttpResponse<String>> postConcurrently(InvokeApiServer server, int calls)
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String body = "{\"call\":" + i + "}";
      pending.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return post(server, ECHO, null, body);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> response : pending) {
      responses.add(response.get(10, TimeUnit.SECONDS));
    }
    return responses;
  }

  private static BiFunction<String, InvocationEvent, InvocationOutcome> slowEcho(
      AtomicInteger busy, AtomicInteger mostBusy) {
    return (requestId, event) -> {
      mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      busy.decrementAndGet();
      return FakeFunction.echo(requestId, event);
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A warm function that answers as the test says and remembers what it was sent. */
  private static final class FakeFunction implements WarmFunction {
    private final BiFunction<String, InvocationEvent, InvocationOutcome> behaviour;
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FakeFunction(BiFunction<String, InvocationEvent, InvocationOutcome> behaviour) {
      this.behaviour = behaviour;
    }

    static InvocationOutcome echo(String requestId, InvocationEvent event) {
      return new InvocationOutcome.Response(requestId, event.payload(), Duration.ofMillis(1));
    }

    @Override
    public InvocationOutcome invoke(String requestId, InvocationEvent event) {
      requestIds.add(requestId);
      return behaviour.apply(requestId, event);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
