package io.github.lambdaimage.process;

import java.time.Duration;

/**
 * A child process ran past its time limit and was stopped with all its descendants. The message
 * names what stalled, the limit and the setting that raises it.
 */
public class ProcessTimeoutException extends RuntimeException {

  /**
   * @param description what ran, e.g. {@code the AWS CDK CLI (cdk deploy)}
   * @param limit the limit it exceeded
   * @param setting how to raise the limit, e.g. {@code -Dcdk.cliTimeout=<seconds>}
   */
  public ProcessTimeoutException(String description, Duration limit, String setting) {
    super(
        description
            + " did not finish within "
            + limit.toSeconds()
            + " s and was stopped with its child processes. If it needs longer, raise the limit"
            + " with "
            + setting
            + ".");
  }
}
