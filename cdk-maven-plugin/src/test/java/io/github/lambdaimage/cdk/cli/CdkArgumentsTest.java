package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdkArgumentsTest {

  private static final Path APP = Path.of("/work/infra-cdk/target/cdk.out");

  private static final CliOptions ALL_STACKS = new CliOptions(APP, List.of(), null, null, Map.of());

  private static final CliOptions CONFIGURED =
      new CliOptions(
          APP,
          List.of("LambdaImageFunction"),
          "prod",
          "eu-west-1",
          Map.of("lambda.arch", "arm64", "a", "b=c"));

  @Test
  void lsListsAllStacksOfTheAssemblyWithoutNoticesOrColour() {
    assertThat(CdkArguments.ls(ALL_STACKS))
        .containsExactly("ls", "--app", APP.toString(), "--no-notices", "--no-color");
  }

  @Test
  void profileRegionContextAndStacksArePassedThroughInAStableOrder() {
    assertThat(CdkArguments.diff(CONFIGURED))
        .containsExactly(
            "diff",
            "--app",
            APP.toString(),
            "--no-notices",
            "--no-color",
            "--profile",
            "prod",
            "--region",
            "eu-west-1",
            "--context",
            "a=b=c",
            "--context",
            "lambda.arch=arm64",
            "LambdaImageFunction");
  }

  @Test
  void deployWithoutStacksDeploysAllWithApprovalAndOutputsFile() {
    assertThat(CdkArguments.deploy(ALL_STACKS, RequireApproval.NEVER, Path.of("target/out.json")))
        .containsExactly(
            "deploy",
            "--app",
            APP.toString(),
            "--no-notices",
            "--no-color",
            "--require-approval",
            "never",
            "--outputs-file",
            "target/out.json",
            "--all");
  }

  @Test
  void deployOfNamedStacksDoesNotAddAll() {
    assertThat(CdkArguments.deploy(CONFIGURED, RequireApproval.BROADENING, Path.of("o.json")))
        .endsWith(
            "--require-approval", "broadening", "--outputs-file", "o.json", "LambdaImageFunction")
        .doesNotContain("--all");
  }

  @Test
  void destroyIsForcedBecauseTheCliCannotPromptThroughMaven() {
    assertThat(CdkArguments.destroy(ALL_STACKS))
        .containsExactly(
            "destroy", "--app", APP.toString(), "--no-notices", "--no-color", "--force", "--all");
  }

  @Test
  void requireApprovalAcceptsTheCliSpellingsOnly() {
    assertThat(RequireApproval.parse("any-change")).isEqualTo(RequireApproval.ANY_CHANGE);
    assertThatThrownBy(() -> RequireApproval.parse("NEVER"))
        .isInstanceOf(CdkException.class)
        .hasMessage("cdk.requireApproval='NEVER' is not one of never, any-change, broadening.");
  }
}
