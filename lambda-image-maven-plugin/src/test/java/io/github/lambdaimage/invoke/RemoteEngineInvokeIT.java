package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invoke on an engine that does not share this host's network: {@code docker-remote} of {@code
 * scripts/engines.sh}, a Docker Engine in a network namespace of its own reached over TCP through a
 * veth pair, standing in for a virtual machine or another host. Its containers reach this host only
 * at the address the script lists, never at 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteEngineInvokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestEngines.Remote remote;
  private DockerEngine engine;
  private DockerClient docker;
  private TestImages images;
  private final Map<Architecture, ImageRecord> functions = new EnumMap<>(Architecture.class);
  private final RecordingLog log = new RecordingLog();
  private String functionName;

  @BeforeAll
  void connectToTheRemoteEngine() {
    remote = TestEngines.remote("docker-remote").orElse(null);
    Assumptions.assumeTrue(
        remote != null,
        "docker-remote is not listed by "
            + System.getProperty("lambda.test.enginesScript")
            + " (scripts/env-up.sh starts it, as root)");
    engine = TestEngines.plain(remote.endpoint());
    docker = TestEngines.dockerJavaClient(remote.endpoint());
    images = new TestImages(docker);
  }

  @AfterAll
  void removeImagesFromTheRemoteEngine() {
    if (images != null) {
      images.close();
      engine.close();
      TestEngines.close(docker);
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void answersWhenTheRuntimeApiListensAndIsCalledAtTheAddressTheEngineReaches(
      Architecture architecture) throws Exception {
    RuntimeApiAddresses addresses =
        new RuntimeApiAddresses(remote.hostAddress(), remote.hostAddress());

    InvokeReport report = invoke(architecture, addresses);

    assertThat(JSON.readTree(report.invocations().get(0).response()).get("arch").asText())
        .isEqualTo(architecture == Architecture.AMD64 ? "amd64" : "aarch64");
    assertThat(TestImages.containersOf(docker, functionName)).isEmpty();
    assertThat(log.infos())
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\[invoke-remote-\\w+ "
                            + architecture
                            + "] Runtime API on "
                            + remote.hostAddress()
                            + ":(\\d+), called at "
                            + remote.hostAddress()
                            + ":\\1 over the host network \\(lambda.runtimeApi.host is set\\);"
                            + " it serves that network until the function is done"));
  }

  @Test
  void withoutTheAddressesInvokeFailsBeforeStartingAnythingNamingBothProperties() {
    function(Architecture.AMD64);
    Instant start = Instant.now();

    assertThatThrownBy(() -> invoke(Architecture.AMD64, RuntimeApiAddresses.DETECTED))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            "The function's container cannot reach the Runtime API on this machine's 127.0.0.1:"
                + " the Docker Engine at "
                + remote.endpoint().host()
                + " (chosen by scripts/engines.sh) does not share this machine's network (its"
                + " address "
                + remote.endpoint().host()
                + " is not on this machine)")
        .hasMessageContaining("Set lambda.runtimeApi.bind to an address of this machine")
        .hasMessageContaining("and lambda.runtimeApi.host to the name or address");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    assertThat(TestImages.containersOf(docker, functionName)).isEmpty();
  }

  @Test
  void aServerLeftOnLoopbackFailsAsSoonAsTheRuntimeIsRefusedNamingBothProperties() {
    function(Architecture.AMD64);
    Instant start = Instant.now();

    assertThatThrownBy(
            () -> invoke(Architecture.AMD64, new RuntimeApiAddresses(null, remote.hostAddress())))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining(
            " Its runtime never called the Runtime API at " + remote.hostAddress() + ":")
        .hasMessageContaining(
            " (chosen because lambda.runtimeApi.host is set), as with an engine in a virtual"
                + " machine or on another host, set lambda.runtimeApi.bind to an address of this"
                + " machine that the engine reaches and lambda.runtimeApi.host to the name or"
                + " address its containers call it at (default: the lambda.runtimeApi.bind"
                + " address).");
    assertThat(Duration.between(start, Instant.now())).isLessThan(FunctionInvoker.INIT_PHASE_LIMIT);
    assertThat(TestImages.containersOf(docker, functionName)).isEmpty();
  }

  private ImageRecord function(Architecture architecture) {
    return functions.computeIfAbsent(
        architecture, key -> images.javaFunction(key, TestImages.TEST_HANDLER));
  }

  private InvokeReport invoke(Architecture architecture, RuntimeApiAddresses addresses) {
    ImageRecord function = function(architecture);
    functionName = "invoke-remote-" + UUID.randomUUID().toString().substring(0, 8);
    return new FunctionInvoker(engine, log, addresses)
        .invoke(
            function,
            new FunctionSettings(functionName, 512, "eu-west-1", Duration.ofSeconds(30)),
            List.of(new InvocationEvent("remote.json", "{}".getBytes(StandardCharsets.UTF_8))));
  }
}
