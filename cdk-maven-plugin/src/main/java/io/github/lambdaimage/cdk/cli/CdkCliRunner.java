package io.github.lambdaimage.cdk.cli;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.process.ErrorLines;
import io.github.lambdaimage.cdk.process.ToolProcess;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the AWS CDK CLI with its output streamed to the log. The CLI's telemetry and version check
 * are switched off. A non-zero exit becomes a {@link CdkException} quoting the CLI's error lines.
 */
public final class CdkCliRunner {

  /** Environment every CLI run gets: no telemetry, no version check against the npm registry. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("CDK_DISABLE_CLI_TELEMETRY", "true", "CDK_DISABLE_VERSION_CHECK", "true");

  private final CdkCli cli;
  private final Path workingDirectory;
  private final BuildLog log;
  private final Duration limit;

  /**
   * @param cli the CLI to run
   * @param workingDirectory the directory it runs in (the module's)
   * @param log where its output goes, line by line
   * @param limit how long one CLI run may take ({@value PropertyNames#CLI_TIMEOUT})
   */
  public CdkCliRunner(CdkCli cli, Path workingDirectory, BuildLog log, Duration limit) {
    this.cli = cli;
    this.workingDirectory = workingDirectory;
    this.log = log;
    this.limit = limit;
  }

  /**
   * Runs the CLI with {@code arguments}.
   *
   * @throws CdkException (tool failed) quoting the CLI's error lines on a non-zero exit;
   *     (environment) when it cannot start
   */
  public void run(List<String> arguments) {
    List<String> command = new ArrayList<>(cli.command());
    command.addAll(arguments);
    log.info("Running " + cli.description() + ": cdk " + String.join(" ", arguments));
    ProcessResult result =
        new ToolProcess(
                cli.description() + " (cdk " + arguments.get(0) + ")",
                limit,
                PropertyNames.CLI_TIMEOUT)
            .run(
                command,
                workingDirectory,
                ENVIRONMENT,
                log::info,
                e ->
                    "Cannot start "
                        + cli.description()
                        + " ("
                        + e.getMessage()
                        + "); check -D"
                        + PropertyNames.EXECUTABLE
                        + " or -D"
                        + PropertyNames.NODE
                        + ".");
    if (!result.succeeded()) {
      throw new CdkException(Kind.TOOL_FAILED, failureMessage(arguments.get(0), result));
    }
  }

  /** The build failure's message: the command, the exit status, the CLI's error lines, a hint. */
  static String failureMessage(String command, ProcessResult result) {
    List<String> errors = ErrorLines.of(result);
    StringBuilder message =
        new StringBuilder("cdk ")
            .append(command)
            .append(" failed (exit ")
            .append(result.exitCode())
            .append("):");
    errors.forEach(line -> message.append("\n  ").append(line));
    if (errors.stream().anyMatch(CdkCliRunner::isCredentialProblem)) {
      message
          .append("\nThe CLI found no usable AWS credentials: give a profile with -D")
          .append(PropertyNames.PROFILE)
          .append("=<name> (and -D")
          .append(PropertyNames.REGION)
          .append(
              "=<region>), or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in"
                  + " (aws sso login).");
    }
    return message.toString();
  }

  private static boolean isCredentialProblem(String line) {
    return line.contains("Unable to resolve AWS account")
        || line.contains("Could not load credentials")
        || line.contains("Need to perform AWS calls");
  }
}
