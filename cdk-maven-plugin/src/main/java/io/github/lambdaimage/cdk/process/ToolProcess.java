package io.github.lambdaimage.cdk.process;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.process.BoundedProcess;
import io.github.lambdaimage.process.ProcessResult;
import io.github.lambdaimage.process.ProcessTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way the CDK goals start a tool (Node.js, npm, the synth JVM, the CDK CLI): bounded by
 * time, streamed, and every way it can end without a result turned into a {@link CdkException}.
 *
 * @param description what runs, for messages, e.g. {@code npm install aws-cdk@2.1148.1}
 * @param limit how long it may run before it is killed with its children
 * @param limitProperty the user property that raises the limit, e.g. {@code cdk.npmTimeout}
 */
public record ToolProcess(String description, Duration limit, String limitProperty) {

  /**
   * Runs {@code command} and returns how it ended; a non-zero exit is the caller's to judge.
   *
   * @param environment variables on top of this JVM's; a {@code null} value removes one
   * @param lines where each output line goes as it is written
   * @param cannotStart the message when the program cannot be started, given why
   * @throws CdkException (environment) when it cannot start or runs past its limit (it and its
   *     children are then killed); (tool failed) when the build is interrupted
   */
  public ProcessResult run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Consumer<String> lines,
      Function<IOException, String> cannotStart) {
    try {
      return new BoundedProcess(description, limit, "-D" + limitProperty + "=<seconds>")
          .streamingTo(lines)
          .run(command, directory, environment);
    } catch (IOException e) {
      throw new CdkException(Kind.ENVIRONMENT, cannotStart.apply(e), e);
    } catch (ProcessTimeoutException e) {
      throw new CdkException(Kind.ENVIRONMENT, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdkException(Kind.TOOL_FAILED, "Interrupted; " + description + " was stopped.", e);
    }
  }
}
