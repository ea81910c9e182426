package io.github.lambdaimage.cdk.cli;

import io.github.lambdaimage.process.HostSystem;
import java.util.List;

/**
 * A runnable AWS CDK CLI.
 *
 * @param command the command that starts it, before the CLI's own arguments
 * @param description what it is, for the log and messages (e.g. {@code aws-cdk 2.1148.1})
 */
public record CdkCli(List<String> command, String description) {

  /**
   * A CLI executable the user installed, run as is ({@code cdk.cmd} found through {@code PATHEXT}
   * on Windows).
   */
  public static CdkCli executable(String executable) {
    return new CdkCli(
        List.of(HostSystem.current().command(executable)), "AWS CDK CLI " + executable);
  }
}
