package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.cli.CdkCli;
import io.github.lambdaimage.cdk.cli.CdkCliRunner;
import io.github.lambdaimage.cdk.cli.CliInstallation;
import io.github.lambdaimage.cdk.cli.CliOptions;
import io.github.lambdaimage.cdk.cli.CliVersion;
import io.github.lambdaimage.cdk.cli.NodeRuntime;
import io.github.lambdaimage.cdk.synth.CloudAssemblySummary;
import io.github.lambdaimage.log.BuildLog;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that runs the AWS CDK CLI against the cloud assembly ({@code --app target/cdk.out}). The
 * app is synthesized first unless an earlier goal of this build did, or {@value
 * PropertyNames#SYNTH} is false.
 */
public abstract class AbstractCliMojo extends AbstractCdkMojo {

  /**
   * The AWS CDK CLI version (npm package {@code aws-cdk}). Default: the version this plugin pins,
   * which reads the cloud assemblies of the aws-cdk-lib it was tested with.
   */
  @Parameter(property = PropertyNames.CLI_VERSION)
  protected String cliVersion;

  /** An installed AWS CDK CLI ({@code cdk}) to run instead of installing {@link #cliVersion}. */
  @Parameter(property = PropertyNames.EXECUTABLE)
  protected String executable;

  /** The npm executable that installs the CLI. */
  @Parameter(property = PropertyNames.NPM, defaultValue = "npm")
  protected String npm;

  /**
   * Seconds the npm install of the CLI may take; past it, npm is killed with its children and the
   * build fails saying so.
   */
  @Parameter(property = PropertyNames.NPM_TIMEOUT, defaultValue = "900")
  protected int npmTimeout;

  /**
   * Seconds one run of the AWS CDK CLI may take (a deploy waits for CloudFormation); past it, the
   * CLI is killed with its children and the build fails saying so.
   */
  @Parameter(property = PropertyNames.CLI_TIMEOUT, defaultValue = "3600")
  protected int cliTimeout;

  /** Where CLI versions are installed, once each. */
  @Parameter(
      property = PropertyNames.CLI_DIRECTORY,
      defaultValue = "${settings.localRepository}/.cache/cdk-maven-plugin")
  protected File cliDirectory;

  /** Stack names or patterns, comma-separated on the command line; all stacks when empty. */
  @Parameter(property = PropertyNames.STACKS)
  protected List<String> stacks;

  /** The AWS profile the CLI uses ({@code --profile}). */
  @Parameter(property = PropertyNames.PROFILE)
  protected String profile;

  /** The AWS region the CLI deploys to ({@code --region}). */
  @Parameter(property = PropertyNames.REGION)
  protected String region;

  /**
   * Synthesize before running the CLI. {@code false} runs the CLI on the assembly already in {@link
   * #output}, e.g. one produced by an earlier build.
   */
  @Parameter(property = PropertyNames.SYNTH, defaultValue = "true")
  protected boolean synth;

  @Override
  protected final void execute(BuildLog log, NodeRuntime nodeRuntime) throws MojoFailureException {
    checkBeforeRunning();
    CdkCli cli = cli(log, nodeRuntime);
    if (synth && !synthesizedInThisBuild()) {
      synthesize(log, nodeRuntime);
    } else if (!Files.isRegularFile(output.toPath().resolve(CloudAssemblySummary.MANIFEST))) {
      throw new MojoFailureException(
          "No cloud assembly in "
              + output
              + ": synthesize first (cdk:synth), or drop -D"
              + PropertyNames.SYNTH
              + "=false.");
    }
    CliOptions options =
        new CliOptions(
            output.toPath(),
            stacks == null ? List.of() : stacks,
            blankToNull(profile),
            blankToNull(region),
            context());
    new CdkCliRunner(cli, project.getBasedir().toPath(), log, Duration.ofSeconds(cliTimeout))
        .run(arguments(options));
  }

  /** Fails before any work when the goal's own configuration is incomplete. */
  protected void checkBeforeRunning() throws MojoFailureException {}

  /** The CLI's arguments for this goal. */
  protected abstract List<String> arguments(CliOptions options);

  private CdkCli cli(BuildLog log, NodeRuntime nodeRuntime) {
    if (executable != null && !executable.isBlank()) {
      return CdkCli.executable(executable);
    }
    String version = cliVersion == null || cliVersion.isBlank() ? CliVersion.pinned() : cliVersion;
    return new CliInstallation(
            nodeRuntime, npm, cliDirectory.toPath(), log, Duration.ofSeconds(npmTimeout))
        .resolve(version);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
