package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.invoke.testfunction.FailingInitRuntime;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs real function images on the real engine (scripts/env-up.sh), both architectures: the foreign
 * one under QEMU. The function runs in a sandbox like Lambda's: an image whose user is root still
 * runs it as uid 993 without capabilities, and code that needs root fails as it would in Lambda.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionInvokerEngineIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerEngine engine;
  private DockerClient docker;
  private TestImages images;
  private final Map<Architecture, ImageRecord> functions =
      new java.util.EnumMap<>(Architecture.class);
  private final RecordingLog log = new RecordingLog();
  private String functionName;

  @BeforeAll
  void connect() {
    engine = TestEngines.plain();
    docker = TestEngines.dockerJavaClient();
    images = new TestImages(docker);
  }

  @AfterAll
  void removeImages() {
    images.close();
    engine.close();
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertThat(TestImages.containersOf(docker, functionName)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void answersOnItsOwnArchitectureAndStaysWarmInOneContainer(Architecture architecture)
      throws Exception {
    List<String> containersAtEachResponse = new CopyOnWriteArrayList<>();
    log.onInfo(
        line -> {
          if (line.contains("] Response to ")) {
            TestImages.containersOf(docker, functionName)
                .forEach(container -> containersAtEachResponse.add(container.getId()));
          }
        });

    InvokeReport report =
        invoke(
            architecture,
            30,
            event("{\"action\":\"echo\",\"name\":\"Ada\"}"),
            event("{\"n\":2}"),
            event("{\"n\":3}"));

    JsonNode answer = JSON.readTree(report.invocations().get(0).response());
    assertThat(answer.get("arch").asText())
        .isEqualTo(architecture == Architecture.AMD64 ? "amd64" : "aarch64");
    assertThat(answer.get("requestId").asText()).isEqualTo(report.invocations().get(0).requestId());
    assertThat(answer.get("functionName").asText()).isEqualTo(functionName);
    assertThat(answer.get("memoryLimitInMB").asInt()).isEqualTo(512);
    assertThat(answer.get("invokedFunctionArn").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:" + functionName);
    assertThat(answer.get("remainingTimeInMillis").asLong()).isBetween(1L, 30_000L);
    assertThat(answer.get("region").asText()).isEqualTo("eu-west-1");
    assertThat(answer.get("event").get("name").asText()).isEqualTo("Ada");
    assertThat(report.emulated())
        .isEqualTo(!architecture.dockerName().equals(engine.info().architecture()));
    assertThat(report.initDuration()).isPositive();
    List<JsonNode> answers =
        report.invocations().stream().map(result -> parse(result.response())).toList();
    assertThat(answers).extracting(warm -> warm.get("invocation").asInt()).containsExactly(1, 2, 3);
    assertThat(answers)
        .extracting(warm -> warm.get("jvm").asText())
        .containsOnly(answer.get("jvm").asText());
    assertThat(containersAtEachResponse).hasSize(3).containsOnly(containersAtEachResponse.get(0));
    System.out.printf(
        "invoke timing %s: init %d ms, invocations %s%n",
        architecture,
        report.initDuration().toMillis(),
        report.invocations().stream().map(result -> result.duration().toMillis() + " ms").toList());
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void aThrowingFunctionFailsWithItsErrorTypeMessageAndStackTrace(Architecture architecture) {
    assertThatThrownBy(
            () -> invoke(architecture, 30, event("{\"action\":\"throw\",\"message\":\"no\"}")))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageStartingWith(
            "Function "
                + functionName
                + " ("
                + architecture
                + ") failed on event echo.json (request ")
        .hasMessageContaining("): java.lang.IllegalStateException: told to throw: no")
        .hasMessageContaining(
            "io.github.lambdaimage.invoke.testfunction.TestFunction.handleRequest(TestFunction.java:");
  }

  @Test
  void aFunctionSleepingPastItsTimeoutFailsWithATimeout() {
    assertThatThrownBy(
            () -> invoke(Architecture.AMD64, 2, event("{\"action\":\"sleep\",\"seconds\":20}")))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(
            "Function "
                + functionName
                + " (amd64) timed out on event echo.json: Task timed out after 2.00 seconds. Raise"
                + " lambda.timeout (now 2 s) if the function needs longer, or find where it"
                + " blocks.");
  }

  @Test
  void aContainerExitingBeforeAnsweringFailsWithItsExitCodeAndLastOutput() {
    assertThatThrownBy(
            () -> invoke(Architecture.AMD64, 30, event("{\"action\":\"exit\",\"code\":3}")))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageStartingWith("The container of function " + functionName + " (amd64, image ")
        .hasMessageContaining(
            ") exited with code 3 before answering event echo.json. Its last output:")
        .hasMessageContaining("    exiting on request");
  }

  @Test
  void aContainerThatNeverCallsTheRuntimeApiSaysWhereItWasAndWhatItPrinted() {
    ImageRecord noRuntime =
        images.javaImage(Architecture.AMD64, "[\"java\", \"-version\"]", TestImages.TEST_HANDLER);
    functionName = uniqueFunctionName();

    assertThatThrownBy(
            () ->
                new FunctionInvoker(engine, log)
                    .invoke(noRuntime, settings(30), List.of(event("{}"))))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining(
            ") exited with code 0 before answering event echo.json. Its runtime never called the"
                + " Runtime API at 127.0.0.1:")
        .hasMessageContaining(
            " (chosen because the engine runs on this host and the container shares its network),"
                + " as with an engine in a virtual machine or on another host, set"
                + " lambda.runtimeApi.bind to an address of this machine that the engine reaches"
                + " and lambda.runtimeApi.host to the name or address its containers call it at"
                + " (default: the lambda.runtimeApi.bind address).")
        .hasMessageContaining("    openjdk version \"17.");
  }

  @Test
  void aRuntimeReportingAnInitErrorFailsWithItsWords() {
    ImageRecord failingInit =
        images.javaImage(
            Architecture.AMD64,
            "[\"java\", \"-cp\", \"/var/task\", \"" + FailingInitRuntime.class.getName() + "\"]",
            TestImages.TEST_HANDLER);
    functionName = uniqueFunctionName();

    assertThatThrownBy(
            () ->
                new FunctionInvoker(engine, log)
                    .invoke(failingInit, settings(30), List.of(event("{}"))))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(
            "Function "
                + functionName
                + " (amd64) failed to initialise: Runtime.ConfigurationError: DATABASE_URL is not"
                + " set");
  }

  @Test
  void aMissingHandlerClassFailsTheFirstInvocationAsLambdaReportsIt() {
    ImageRecord broken = images.javaFunction(Architecture.AMD64, "example.Missing::handleRequest");
    functionName = uniqueFunctionName();

    assertThatThrownBy(
            () ->
                new FunctionInvoker(engine, log).invoke(broken, settings(30), List.of(event("{}"))))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageStartingWith("Function " + functionName + " (amd64) failed on event echo.json")
        .hasMessageEndingWith(
            "): java.lang.ClassNotFoundException: Class not found: example.Missing");
  }

  @Test
  void theFunctionRunsAsAnUnprivilegedUserWithoutCapabilitiesUnderAPidsLimit() throws Exception {
    InvokeReport report = invoke(Architecture.AMD64, 30, event("{\"action\":\"echo\"}"));

    assertThat(JSON.readTree(report.invocations().get(0).response()).get("sandbox").toString())
        .isEqualTo(
            "{\"Uid\":\"993\",\"Gid\":\"990\",\"CapEff\":\"0000000000000000\","
                + "\"NoNewPrivs\":\"1\",\"pidsMax\":\"1024\"}");
  }

  @Test
  void readingAFileOnlyRootMayReadFailsAsInLambda() {
    String read = "{\"action\":\"read\",\"path\":\"" + TestImages.ROOT_ONLY_FILE + "\"}";

    assertThatThrownBy(() -> invoke(Architecture.AMD64, 30, event(read)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageStartingWith(
            "Function " + functionName + " (amd64) failed on event echo.json (request ")
        .hasMessageContaining(
            "): java.io.UncheckedIOException: java.nio.file.AccessDeniedException: "
                + TestImages.ROOT_ONLY_FILE
                + System.lineSeparator()
                + "    io.github.lambdaimage.invoke.testfunction.TestFunction.read(TestFunction.java:");
  }

  @Test
  void onlyTmpIsWritable() throws Exception {
    InvokeReport written =
        invoke(
            Architecture.AMD64,
            30,
            event("{\"action\":\"write\",\"path\":\"/tmp/note.txt\",\"text\":\"kept\"}"));
    assertThat(JSON.readTree(written.invocations().get(0).response()).get("written").asText())
        .isEqualTo("/tmp/note.txt");

    String outsideTmp = "{\"action\":\"write\",\"path\":\"/var/task/note.txt\",\"text\":\"x\"}";
    assertThatThrownBy(() -> invoke(Architecture.AMD64, 30, event(outsideTmp)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining(
            "): java.io.UncheckedIOException: java.nio.file.FileSystemException:"
                + " /var/task/note.txt: Read-only file system");
  }

  private InvokeReport invoke(
      Architecture architecture, int timeoutSeconds, InvocationEvent... events) {
    functionName = uniqueFunctionName();
    return new FunctionInvoker(engine, log)
        .invoke(function(architecture), settings(timeoutSeconds), List.of(events));
  }

  private ImageRecord function(Architecture architecture) {
    return functions.computeIfAbsent(
        architecture, key -> images.javaFunction(key, TestImages.TEST_HANDLER));
  }

  private FunctionSettings settings(int timeoutSeconds) {
    return new FunctionSettings(functionName, 512, "eu-west-1", Duration.ofSeconds(timeoutSeconds));
  }

  private static String uniqueFunctionName() {
    return "invoke-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static InvocationEvent event(String json) {
    return new InvocationEvent("echo.json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }
}
