package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The function runs in a sandbox like Lambda's, on the real engine: an image whose user is root
 * still runs its function as uid 993, without capabilities, and code that needs root fails here as
 * it would in Lambda.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaSandboxEngineIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerEngine engine;
  private DockerClient docker;
  private TestImages images;
  private ImageRecord function;
  private final RecordingLog log = new RecordingLog();
  private String functionName;

  @BeforeAll
  void buildTheFunction() {
    engine = TestEngines.plain();
    docker = TestEngines.dockerJavaClient();
    images = new TestImages(docker);
    function = images.javaFunction(Architecture.AMD64, TestImages.TEST_HANDLER);
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

  @Test
  void theFunctionRunsAsAnUnprivilegedUserWithoutCapabilitiesUnderAPidsLimit() throws Exception {
    InvokeReport report = invoke("{\"action\":\"echo\"}");

    JsonNode sandbox = JSON.readTree(report.invocations().get(0).response()).get("sandbox");
    assertThat(JSON.convertValue(sandbox, Map.class))
        .isEqualTo(
            Map.of(
                "Uid", "993",
                "Gid", "990",
                "CapEff", "0000000000000000",
                "NoNewPrivs", "1",
                "pidsMax", "1024"));
  }

  @Test
  void readingAFileOnlyRootMayReadFailsAsInLambda() {
    assertThatThrownBy(
            () -> invoke("{\"action\":\"read\",\"path\":\"" + TestImages.ROOT_ONLY_FILE + "\"}"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageStartingWith(
            "Function " + functionName + " (amd64) failed on event sandbox.json (request ")
        .hasMessageContaining(
            "): java.io.UncheckedIOException: java.nio.file.AccessDeniedException: "
                + TestImages.ROOT_ONLY_FILE
                + System.lineSeparator()
                + "    io.github.lambdaimage.invoke.testfunction.TestFunction.read(TestFunction.java:");
  }

  @Test
  void onlyTmpIsWritable() throws Exception {
    InvokeReport written =
        invoke("{\"action\":\"write\",\"path\":\"/tmp/note.txt\",\"text\":\"kept\"}");
    assertThat(JSON.readTree(written.invocations().get(0).response()).get("written").asText())
        .isEqualTo("/tmp/note.txt");

    assertThatThrownBy(
            () -> invoke("{\"action\":\"write\",\"path\":\"/var/task/note.txt\",\"text\":\"x\"}"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining(
            "): java.io.UncheckedIOException: java.nio.file.FileSystemException:"
                + " /var/task/note.txt: Read-only file system");
  }

  private InvokeReport invoke(String event) {
    functionName = "invoke-sandbox-" + UUID.randomUUID().toString().substring(0, 8);
    return new FunctionInvoker(engine, log)
        .invoke(
            function,
            new FunctionSettings(functionName, 512, "eu-west-1", Duration.ofSeconds(30)),
            List.of(new InvocationEvent("sandbox.json", event.getBytes(StandardCharsets.UTF_8))));
  }
}
