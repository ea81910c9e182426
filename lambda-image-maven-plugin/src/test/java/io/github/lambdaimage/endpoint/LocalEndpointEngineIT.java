package io.github.lambdaimage.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.RuntimeApiAddresses;
import io.github.lambdaimage.invoke.TestImages;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local endpoint in front of real containers on the real engine (scripts/env-up.sh): both
 * architectures, the foreign one under QEMU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalEndpointEngineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_LABEL = "io.github.lambdaimage.invoke.run";
  private static final String OWNER_LABEL = "io.github.lambdaimage.invoke.owner";

  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingLog log = new RecordingLog();
  private final String owner = "/tmp/endpoint-it-" + UUID.randomUUID();
  private final String functionName = "endpoint-it-" + owner.substring(owner.length() - 8);
  private DockerEngine engine;
  private DockerClient docker;
  private TestImages images;
  private List<ImageRecord> functions;

  @BeforeAll
  void buildImages() {
    engine = TestEngines.plain();
    docker = TestEngines.dockerJavaClient();
    images = new TestImages(docker);
    functions =
        List.of(
            images.javaFunction(Architecture.AMD64, TestImages.TEST_HANDLER),
            images.javaFunction(Architecture.ARM64, TestImages.TEST_HANDLER));
  }

  @AfterAll
  void removeImages() {
    images.close();
    engine.close();
  }

  @Test
  void servesBothArchitecturesWarmReplacesAnExitedContainerAndLeavesNothingBehind()
      throws Exception {
    Process killed = new ProcessBuilder("true").start();
    killed.waitFor();
    String leftover =
        docker
            .createContainerCmd(functions.get(0).imageId())
            .withLabels(
                Map.of(
                    RUN_LABEL,
                    LocalEndpoint.runLabel(owner),
                    OWNER_LABEL,
                    InetAddress.getLocalHost().getHostName() + ":" + killed.pid()))
            .exec()
            .getId();

    LocalEndpoint endpoint =
        LocalEndpoint.start(
            TestEngines.plain(),
            RuntimeApiAddresses.DETECTED,
            log,
            owner,
            functions,
            new FunctionSettings(functionName, 512, "eu-west-1", Duration.ofSeconds(30), Map.of()),
            0,
            1);
    try {
      assertThat(log.infos())
          .contains(
              "Removed container "
                  + leftover.substring(0, 12)
                  + ", left by an earlier run (process "
                  + killed.pid()
                  + ") that was killed before it could remove it");
      assertThat(endpointContainers()).hasSize(2).doesNotContain(leftover);
      assertThat(endpoint.functionNames())
          .containsExactly(functionName + "-amd64", functionName + "-arm64");

      JsonNode amd64 = answer(endpoint, functionName + "-amd64", "{\"n\":1}");
      JsonNode arm64 = answer(endpoint, functionName + "-arm64", "{\"n\":1}");
      JsonNode arm64Again = answer(endpoint, functionName + "-arm64", "{\"n\":2}");
      assertThat(amd64.get("arch").asText()).isEqualTo("amd64");
      assertThat(amd64.get("functionName").asText()).isEqualTo(functionName + "-amd64");
      assertThat(arm64.get("arch").asText()).isEqualTo("aarch64");
      assertThat(arm64.get("invocation").asInt()).isEqualTo(1);
      assertThat(arm64Again.get("invocation").asInt()).isEqualTo(2);
      assertThat(arm64Again.get("jvm").asText()).isEqualTo(arm64.get("jvm").asText());

      HttpResponse<String> thrown =
          post(endpoint, functionName + "-amd64", "{\"action\":\"throw\",\"message\":\"no\"}");
      assertThat(thrown.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
      JsonNode error = JSON.readTree(thrown.body());
      assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
      assertThat(error.get("errorMessage").asText()).isEqualTo("told to throw: no");

      HttpResponse<String> exited =
          post(endpoint, functionName + "-amd64", "{\"action\":\"exit\",\"code\":3}");
      assertThat(exited.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
      assertThat(JSON.readTree(exited.body()).get("errorType").asText())
          .isEqualTo("Runtime.ExitError");
      JsonNode replaced = answer(endpoint, functionName + "-amd64", "{}");
      assertThat(replaced.get("invocation").asInt()).isEqualTo(1);
      assertThat(replaced.get("jvm").asText()).isNotEqualTo(amd64.get("jvm").asText());
      assertThat(endpointContainers()).hasSize(2);
    } finally {
      endpoint.close();
    }
    assertThat(endpointContainers()).isEmpty();
  }

  private List<String> endpointContainers() {
    return engine.containersLabelled(RUN_LABEL).entrySet().stream()
        .filter(e -> e.getValue().equals(LocalEndpoint.runLabel(owner)))
        .map(Map.Entry::getKey)
        .toList();
  }

  private JsonNode answer(LocalEndpoint endpoint, String function, String json) throws Exception {
    HttpResponse<String> response = post(endpoint, function, json);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("requestId").asText())
        .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    return answer;
  }

  private HttpResponse<String> post(LocalEndpoint endpoint, String function, String json)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(endpoint.url() + "/2015-03-31/functions/" + function + "/invocations"))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
