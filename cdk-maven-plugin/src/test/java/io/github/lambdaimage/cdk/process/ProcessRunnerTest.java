package io.github.lambdaimage.cdk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

  @TempDir Path directory;

  @Test
  void bothStreamsAreStreamedAndKeptAndTheExitCodeReturned() throws Exception {
    List<String> streamed = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> environment = new HashMap<>();
    environment.put("GREETING", "hello");

    ProcessResult result =
        new ProcessRunner(streamed::add)
            .run(
                List.of("sh", "-c", "echo \"$GREETING\"; pwd; echo oops >&2; exit 3"),
                directory,
                environment);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout()).containsExactly("hello", directory.toRealPath().toString());
    assertThat(result.stderr()).containsExactly("oops");
    assertThat(streamed)
        .containsExactlyInAnyOrder("hello", directory.toRealPath().toString(), "oops");
  }

  @Test
  void standardInputIsClosedSoAPromptEndsInsteadOfWaiting() throws Exception {
    ProcessResult result =
        new ProcessRunner(line -> {})
            .run(List.of("sh", "-c", "read answer || echo no-input; exit 0"), directory, Map.of());

    assertThat(result.stdout()).containsExactly("no-input");
  }

  @Test
  void variableSetToNullIsRemoved() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("HOME", null);

    ProcessResult result =
        new ProcessRunner(line -> {})
            .run(List.of("sh", "-c", "echo \"home=${HOME-unset}\""), directory, environment);

    assertThat(result.stdout()).containsExactly("home=unset");
  }

  @Test
  void onlyTheLastLinesAreKept() throws Exception {
    ProcessResult result =
        new ProcessRunner(line -> {}).run(List.of("sh", "-c", "seq 1 250"), directory, Map.of());

    assertThat(result.stdout()).hasSize(ProcessRunner.KEPT_LINES).startsWith("51").endsWith("250");
  }

  @Test
  void missingProgramFailsToStart() {
    assertThatThrownBy(
            () ->
                new ProcessRunner(line -> {})
                    .run(List.of("/nonexistent/program"), directory, Map.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/nonexistent/program");
  }
}
