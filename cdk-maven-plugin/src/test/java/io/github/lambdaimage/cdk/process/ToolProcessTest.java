package io.github.lambdaimage.cdk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.process.BoundedProcess;
import io.github.lambdaimage.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolProcessTest {

  @TempDir Path directory;

  private static ToolProcess tool() {
    return new ToolProcess("the test tool", Duration.ofSeconds(30), "test.timeout");
  }

  private ProcessResult run(ToolProcess tool, String script, Map<String, String> env) {
    return run(tool, script, env, line -> {});
  }

  private ProcessResult run(
      ToolProcess tool, String script, Map<String, String> env, Consumer<String> lines) {
    return tool.run(List.of("sh", "-c", script), directory, env, lines, e -> "cannot start");
  }

  @Test
  void bothStreamsAreStreamedAndKeptAndTheExitCodeReturned() throws Exception {
    List<String> streamed = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> environment = new HashMap<>();
    environment.put("GREETING", "hello");

    ProcessResult result =
        run(tool(), "echo \"$GREETING\"; pwd; echo oops >&2; exit 3", environment, streamed::add);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout()).containsExactly("hello", directory.toRealPath().toString());
    assertThat(result.stderr()).containsExactly("oops");
    assertThat(streamed)
        .containsExactlyInAnyOrder("hello", directory.toRealPath().toString(), "oops");
  }

  @Test
  void standardInputIsClosedSoAPromptEndsInsteadOfWaiting() {
    ProcessResult result = run(tool(), "read answer || echo no-input; exit 0", Map.of());

    assertThat(result.stdout()).containsExactly("no-input");
  }

  @Test
  void variableSetToNullIsRemoved() {
    Map<String, String> environment = new HashMap<>();
    environment.put("HOME", null);

    ProcessResult result = run(tool(), "echo \"home=${HOME-unset}\"", environment);

    assertThat(result.stdout()).containsExactly("home=unset");
  }

  @Test
  void onlyTheLastLinesAreKept() {
    ProcessResult result = run(tool(), "seq 1 250", Map.of());

    assertThat(result.stdout()).hasSize(BoundedProcess.KEPT_LINES).startsWith("51").endsWith("250");
  }

  @Test
  void aMissingProgramIsAnEnvironmentFailureWithTheCallersMessage() {
    assertThatThrownBy(
            () ->
                tool()
                    .run(
                        List.of("/nonexistent/program"),
                        directory,
                        Map.of(),
                        line -> {},
                        e -> "No program: " + e.getMessage().contains("/nonexistent/program")))
        .isInstanceOf(CdkException.class)
        .hasMessage("No program: true")
        .extracting(e -> ((CdkException) e).kind())
        .isEqualTo(CdkException.Kind.ENVIRONMENT);
  }

  @Test
  void aToolPastItsLimitIsAnEnvironmentFailureNamingTheSetting() {
    ToolProcess hanging = new ToolProcess("cdk deploy", Duration.ofSeconds(1), "cdk.cliTimeout");

    assertThatThrownBy(() -> run(hanging, "sleep 30", Map.of()))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "cdk deploy did not finish within 1 s and was stopped with its child processes. If it"
                + " needs longer, raise the limit with -Dcdk.cliTimeout=<seconds>.")
        .extracting(e -> ((CdkException) e).kind())
        .isEqualTo(CdkException.Kind.ENVIRONMENT);
  }
}
