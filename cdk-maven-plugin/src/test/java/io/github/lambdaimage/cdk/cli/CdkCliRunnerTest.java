package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.process.ProcessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdkCliRunnerTest {

  @Test
  void credentialFailureQuotesTheCliAndSaysHowToGiveCredentials() {
    ProcessResult result =
        new ProcessResult(
            1,
            List.of(),
            List.of(
                "",
                "✨  Synthesis time: 0.02s",
                "",
                "Unable to resolve AWS account to use. It must be either configured when you define"
                    + " your CDK Stack, or through the environment"));

    assertThat(CdkCliRunner.failureMessage("deploy", result))
        .isEqualTo(
            "cdk deploy failed (exit 1):\n"
                + "  Unable to resolve AWS account to use. It must be either configured when you"
                + " define your CDK Stack, or through the environment\n"
                + "The CLI found no usable AWS credentials: give a profile with -Dcdk.profile=<name>"
                + " (and -Dcdk.region=<region>), or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or"
                + " log in (aws sso login).");
  }

  @Test
  void otherFailuresQuoteTheCliWithoutACredentialHint() {
    ProcessResult result =
        new ProcessResult(
            1,
            List.of(),
            List.of(
                " ❌  LambdaImageFunction failed: ValidationError: Template format error",
                "    at deployStack (/x/index.js:1:1)"));

    assertThat(CdkCliRunner.failureMessage("deploy", result))
        .isEqualTo(
            "cdk deploy failed (exit 1):\n"
                + "  ❌  LambdaImageFunction failed: ValidationError: Template format error");
  }
}
