package io.github.lambdaimage.cdk.cli;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.PropertyNames;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Which changes {@code cdk deploy} asks the user to approve ({@code --require-approval}). */
public enum RequireApproval {
  /** Never ask. */
  NEVER("never"),
  /** Ask for any IAM or security-group change. */
  ANY_CHANGE("any-change"),
  /** Ask when permissions or network access grow (the CLI's default). */
  BROADENING("broadening");

  private final String cliValue;

  RequireApproval(String cliValue) {
    this.cliValue = cliValue;
  }

  /** The CLI's spelling. */
  public String cliValue() {
    return cliValue;
  }

  /**
   * Parses the CLI's spelling.
   *
   * @throws CdkException (configuration) naming the value and the accepted ones
   */
  public static RequireApproval parse(String value) {
    return Arrays.stream(values())
        .filter(approval -> approval.cliValue.equals(value.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new CdkException(
                    Kind.CONFIGURATION,
                    PropertyNames.REQUIRE_APPROVAL
                        + "='"
                        + value
                        + "' is not one of "
                        + Arrays.stream(values())
                            .map(RequireApproval::cliValue)
                            .collect(Collectors.joining(", "))
                        + "."));
  }
}
