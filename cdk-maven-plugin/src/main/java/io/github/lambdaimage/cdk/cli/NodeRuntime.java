package io.github.lambdaimage.cdk.cli;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.process.ToolProcess;
import io.github.lambdaimage.process.HostSystem;
import io.github.lambdaimage.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Node.js installation the CDK needs twice: aws-cdk-lib's Java bindings (jsii) run the library
 * in Node.js during synthesis, and the AWS CDK CLI is a Node.js program.
 *
 * @param executable the {@code node} command
 * @param version its version
 */
public record NodeRuntime(String executable, NodeVersion version) {

  /** The oldest Node.js that aws-cdk-lib's jsii runtime and the CLI still start on. */
  public static final NodeVersionRange MINIMUM = NodeVersionRange.parse(">= 18.0.0").orElseThrow();

  /**
   * Runs {@code <executable> --version} ({@code node.exe} and the like found through {@code
   * PATHEXT} on Windows).
   *
   * @param limit how long it may take (the synthesis limit: Node.js is checked for synthesis)
   * @throws CdkException (environment) when Node.js cannot be run or prints no version
   */
  public static NodeRuntime detect(String executable, Path workingDirectory, Duration limit) {
    String command = HostSystem.current().command(executable);
    ProcessResult result =
        new ToolProcess("'" + command + " --version'", limit, PropertyNames.SYNTH_TIMEOUT)
            .run(
                List.of(command, "--version"),
                workingDirectory,
                Map.of(),
                line -> {},
                e ->
                    "Node.js not found: running '"
                        + executable
                        + " --version' failed ("
                        + e.getMessage()
                        + "). The AWS CDK needs Node.js "
                        + MINIMUM
                        + ": install it (https://nodejs.org) or give its path with -D"
                        + PropertyNames.NODE
                        + "=/path/to/node.");
    String printed = String.join(" ", result.stdout()).trim();
    return NodeVersion.parse(printed)
        .filter(version -> result.succeeded())
        .map(version -> new NodeRuntime(command, version))
        .orElseThrow(
            () ->
                new CdkException(
                    Kind.ENVIRONMENT,
                    "'"
                        + executable
                        + " --version' printed '"
                        + printed
                        + "' (exit "
                        + result.exitCode()
                        + "), not a Node.js version; check -D"
                        + PropertyNames.NODE
                        + "."));
  }

  /**
   * Fails unless this version satisfies {@code range}.
   *
   * @param user what needs Node.js, for the message (e.g. "aws-cdk 2.1148.1")
   * @throws CdkException (environment) naming the version, the range and the fix
   */
  public void require(NodeVersionRange range, String user) {
    if (!range.includes(version)) {
      throw new CdkException(
          Kind.ENVIRONMENT,
          "Node.js "
              + version
              + " ("
              + executable
              + ") is too old for "
              + user
              + ", which needs Node.js "
              + range
              + ". Install a newer Node.js (https://nodejs.org) or give its path with -D"
              + PropertyNames.NODE
              + "=/path/to/node.");
    }
  }
}
