package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.cli.CdkArguments;
import io.github.lambdaimage.cdk.cli.CliOptions;
import io.github.lambdaimage.cdk.cli.RequireApproval;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Deploys the stacks ({@code cdk deploy}, all stacks unless {@value PropertyNames#STACKS} names
 * some) with the AWS credentials of the environment or {@value PropertyNames#PROFILE}.
 */
@Mojo(
    name = "deploy",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class DeployMojo extends AbstractCliMojo {

  /**
   * Which changes need approval: {@code never}, {@code any-change} or {@code broadening} (the CLI's
   * default). Maven gives the CLI no terminal to ask on, so a change needing approval fails the
   * deploy; use {@code never} in CI after reviewing {@code cdk:diff}.
   */
  @Parameter(property = PropertyNames.REQUIRE_APPROVAL, defaultValue = "broadening")
  protected String requireApproval;

  /** Where the CLI writes the deployed stacks' outputs (function name and URL). */
  @Parameter(defaultValue = "${project.build.directory}/cdk-outputs.json")
  protected File outputsFile;

  @Override
  protected void checkBeforeRunning() {
    RequireApproval.parse(requireApproval);
  }

  @Override
  protected List<String> arguments(CliOptions options) {
    return CdkArguments.deploy(
        options, RequireApproval.parse(requireApproval), outputsFile.toPath());
  }
}
