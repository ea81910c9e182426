package io.github.lambdaimage.cdk.process;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.process.BoundedProcess;
import io.github.lambdaimage.process.ProcessResult;
import io.github.lambdaimage.process.ProcessTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one way the CDK goals start a tool (Node.js, npm, the synth JVM, the CDK CLI): bounded by
 * time, streamed, and every way it can end without a result turned into a {@link CdkException}.
 */
public final class ToolProcess {

  private ToolProcess() {}

  /**
   * Runs {@code command} and returns how it ended; a non-zero exit is the caller's to judge.
   *
   * @param process the time limit, the description and where the output goes
   * @param environment variables on top of this JVM's; a {@code null} value removes one
   * @param cannotStart the message when the program cannot be started, given why
   * @throws CdkException (environment) when it cannot start or runs past its limit (it and its
   *     children are then killed); (tool failed) when the build is interrupted
   */
  public static ProcessResult run(
      BoundedProcess process,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Function<IOException, String> cannotStart) {
    try {
      return process.run(command, directory, environment);
    } catch (IOException e) {
      throw new CdkException(Kind.ENVIRONMENT, cannotStart.apply(e), e);
    } catch (ProcessTimeoutException e) {
      throw new CdkException(Kind.ENVIRONMENT, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdkException(
          Kind.TOOL_FAILED, "Interrupted; " + process.description() + " was stopped.", e);
    }
  }
}
