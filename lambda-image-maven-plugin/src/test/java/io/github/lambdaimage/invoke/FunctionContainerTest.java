package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.PlainDockerEngine;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.RecordingLog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionContainerTest {

  @TempDir Path directory;

  @Test
  void theOwnerLabelNamesTheProcessOfThisHostAndOnlyThat() {
    String owner = FunctionContainer.owner(4242);
    String host = owner.substring(0, owner.lastIndexOf(':'));

    assertThat(owner).endsWith(":4242");
    assertThat(FunctionContainer.ownerPid(owner, host)).contains(4242L);
    assertThat(FunctionContainer.ownerPid("other-host:4242", host)).isEmpty();
    assertThat(FunctionContainer.ownerPid(host + ":not-a-pid", host)).isEmpty();
    assertThat(FunctionContainer.ownerPid("", host)).isEmpty();
  }

  @Test
  void aRemoveThatKeepsFailingSaysWhichContainerAndHowToRemoveItAfterThreeAttempts() {
    String socket = "unix://" + directory.resolve("no-engine.sock");
    String id = "0123456789ab".repeat(5) + "cdef";
    RecordingLog log = new RecordingLog();
    try (PlainDockerEngine engine =
        new PlainDockerEngine(new EngineEndpoint(socket, "a test", null), Duration.ofSeconds(1))) {
      FunctionContainer container = new FunctionContainer(engine, id, log);

      assertThatThrownBy(container::close)
          .isExactlyInstanceOf(EnvironmentException.class)
          .hasMessageStartingWith(
              "Cannot remove container " + id + " from the Docker Engine at " + socket + " (")
          .hasMessageEndingWith(
              "). The next lambda-image:invoke removes it; to remove it now: docker rm -f " + id);
      assertThat(log.warnings())
          .hasSize(2)
          .allMatch(line -> line.startsWith("Removing container " + id + " failed (attempt "))
          .allMatch(line -> line.endsWith("; trying again"));
    }
  }
}
