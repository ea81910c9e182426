package io.github.lambdaimage.it;

import static io.github.lambdaimage.it.support.CloudAssemblies.assertNoContainerImageAsset;
import static io.github.lambdaimage.it.support.CloudAssemblies.onlyFunction;
import static io.github.lambdaimage.it.support.PushedRecords.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deploy side, through the real components and offline: a copy of infra-cdk built by Maven, its
 * app synthesized by {@code cdk:synth} (forked JVM, aws-cdk-lib in Node.js), then the real AWS CDK
 * CLI ({@code aws-cdk} from npm, the plugin's pinned version) on the assembly. The CLI runs with no
 * AWS credentials or config and instance metadata off, so {@code cdk:deploy} really fails.
 */
class CdkDeployFlowIT {

  private static final String ARM64_DIGEST = "sha256:" + "b".repeat(64);
  private static final String AMD64_DIGEST = "sha256:" + "a".repeat(64);
  private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
  private static final String PLUGIN_GOAL_PREFIX =
      "Failed to execute goal io.github.lambdaimage:cdk-maven-plugin:";

  /** A copy of infra-cdk whose sibling handler module has pushed images of both architectures. */
  private static MavenBuild infraWithPushedImages(String name) {
    MavenBuild build = infraCopy(name);
    ImageRecords records =
        ImageRecords.inBuildDirectory(
            build.projectDirectory().resolveSibling("handler").resolve("target"));
    records.recordBuild(
        List.of(
            pushed(Architecture.AMD64, REPOSITORY, AMD64_DIGEST),
            pushed(Architecture.ARM64, REPOSITORY, ARM64_DIGEST)));
    return build;
  }

  /** A copy of infra-cdk whose CDK CLI can reach no AWS account. */
  private static MavenBuild infraCopy(String name) {
    MavenBuild build = MavenBuild.ofModuleCopy("infra-cdk", name);
    Path home = build.projectDirectory().resolveSibling("cdk-home");
    return build
        .env("AWS_ACCESS_KEY_ID", null)
        .env("AWS_SECRET_ACCESS_KEY", null)
        .env("AWS_SESSION_TOKEN", null)
        .env("AWS_PROFILE", null)
        .env("AWS_REGION", null)
        .env("AWS_DEFAULT_REGION", null)
        .env("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString())
        .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("CDK_HOME", home.toString())
        .args("-Dcdk.cliDirectory=" + cliDirectory());
  }

  /** The CLI is installed once into the user's local repository, like a normal build does. */
  private static Path cliDirectory() {
    return Paths.get(System.getProperty("it.userLocalRepository"), ".cache", "cdk-maven-plugin");
  }

  private static MavenBuild.Result timed(String what, MavenBuild build) {
    long start = System.nanoTime();
    MavenBuild.Result result = build.run();
    System.out.printf(
        "%s: %.1f s (exit %d)%n", what, (System.nanoTime() - start) / 1e9, result.exitCode());
    return result;
  }

  /** Runs a build that must fail, and returns its log. */
  private static String failingLog(String what, MavenBuild build) {
    MavenBuild.Result result = timed(what, build);
    assertThat(result.succeeded()).as(result.log()).isFalse();
    return result.log();
  }

  @Test
  void synthOfTheDefaultImagesJsonThenTheRealClisLsWorkOffline() throws IOException {
    MavenBuild build =
        infraWithPushedImages("cdk-synth-ls")
            .args("compile", "cdk:synth", "cdk:ls", "-Dlambda.arch=arm64");

    MavenBuild.Result result = timed("compile cdk:synth cdk:ls", build);

    assertThat(result.succeeded()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains("Cloud assembly " + build.projectDirectory().resolve("target/cdk.out"))
        .contains(
            "Running aws-cdk 2.1148.1: cdk ls --app "
                + build.projectDirectory().resolve("target/cdk.out"))
        .containsPattern("\\[INFO\\] LambdaImageRegistry\\R\\[INFO\\] LambdaImageFunction\\R");
    assertThat(result.log().split("Synthesizing ", -1)).as("synthesized once").hasSize(2);
    Path assembly = build.projectDirectory().resolve("target/cdk.out");
    JsonNode function = onlyFunction(assembly.resolve("LambdaImageFunction.template.json"));
    assertThat(function.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(function.path("PackageType").asText()).isEqualTo("Image");
    assertThat(function.path("Code").path("ImageUri").toString())
        .endsWith("\"/hello@" + ARM64_DIGEST + "\"]]}");
    assertNoContainerImageAsset(assembly);
  }

  @Test
  void deployWithoutCredentialsRunsTheCliAndFailsWithItsMessage() {
    MavenBuild build =
        infraWithPushedImages("cdk-deploy")
            .args("compile", "cdk:deploy", "-Dlambda.arch=arm64", "-Dcdk.requireApproval=never");

    assertThat(failingLog("compile cdk:deploy (no credentials)", build))
        .contains("Running aws-cdk 2.1148.1: cdk deploy --app ")
        .contains("--require-approval never")
        .contains(
            PLUGIN_GOAL_PREFIX
                + "0.1.0-SNAPSHOT:deploy (default-cli) on project infra-cdk: cdk deploy failed"
                + " (exit 1):\n[ERROR]   Unable to resolve AWS account to use. It must be either"
                + " configured when you define your CDK Stack, or through the environment\n"
                + "[ERROR] The CLI found no usable AWS credentials: give a profile with"
                + " -Dcdk.profile=<name> (and -Dcdk.region=<region>), or set"
                + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in (aws sso login).");
    assertThat(build.projectDirectory().resolve("target/cdk-outputs.json")).doesNotExist();
  }

  @Test
  void synthWithoutAnyPushedImageFailsWithTheAppsMessage() {
    MavenBuild build = infraCopy("cdk-no-image").args("compile", "cdk:synth");

    assertThat(failingLog("compile cdk:synth (no image)", build))
        .contains(
            PLUGIN_GOAL_PREFIX
                + "0.1.0-SNAPSHOT:synth (default-cli) on project infra-cdk: The CDK app"
                + " io.github.lambdaimage.infra.LambdaImageInfra failed (exit 1):\n[ERROR]  "
                + " Synthesis failed: No image manifest at "
                + build.projectDirectory().resolveSibling("handler/target/lambda-image/images.json")
                + " (the default of lambda.image.manifest).");
  }

  @Test
  void skipSaysSoAndWritesNothing() {
    MavenBuild build = infraCopy("cdk-skip").args("cdk:synth", "cdk:deploy", "-Dcdk.skip=true");

    MavenBuild.Result result = timed("cdk:synth cdk:deploy -Dcdk.skip", build);

    assertThat(result.succeeded()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains("[INFO] Skipping cdk:synth: cdk.skip is true")
        .contains("[INFO] Skipping cdk:deploy: cdk.skip is true");
    assertThat(build.projectDirectory().resolve("target/cdk.out")).doesNotExist();
  }

  @Test
  void destroyNeedsConfirmationBeforeAnythingRuns() {
    MavenBuild build =
        infraCopy("cdk-destroy").args("cdk:destroy", "-Dcdk.stacks=LambdaImageFunction");

    assertThat(failingLog("cdk:destroy without cdk.force", build))
        .contains(
            "on project infra-cdk: cdk:destroy deletes the stacks [LambdaImageFunction] of this app;"
                + " the CLI cannot ask for confirmation through Maven. Confirm with"
                + " -Dcdk.force=true.")
        .doesNotContain("Running aws-cdk");
  }

  @Test
  void missingNodeIsAnExecutionErrorSayingWhatToInstall() {
    MavenBuild build = infraCopy("cdk-no-node").args("cdk:ls", "-Dcdk.node=/nonexistent/node");

    assertThat(failingLog("cdk:ls without Node.js", build))
        .contains("on project infra-cdk: Node.js not found: running '/nonexistent/node --version'")
        .contains(
            "The AWS CDK needs Node.js >= 18.0.0: install it (https://nodejs.org) or give its path"
                + " with -Dcdk.node=/path/to/node.");
  }
}
