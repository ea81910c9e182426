package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.cli.CdkArguments;
import io.github.lambdaimage.cdk.cli.CliOptions;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Deletes the stacks ({@code cdk destroy}). The CLI cannot ask for confirmation through Maven, so
 * the goal runs only with {@value PropertyNames#FORCE} set.
 */
@Mojo(name = "destroy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DestroyMojo extends AbstractCliMojo {

  /** Confirms the deletion; without it the goal fails before doing anything. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  protected boolean force;

  @Override
  protected void checkBeforeRunning() throws MojoFailureException {
    if (!force) {
      throw new MojoFailureException(
          "cdk:destroy deletes "
              + (stacks == null || stacks.isEmpty() ? "all stacks" : "the stacks " + stacks)
              + " of this app; the CLI cannot ask for confirmation through Maven. Confirm with -D"
              + PropertyNames.FORCE
              + "=true.");
    }
  }

  @Override
  protected List<String> arguments(CliOptions options) {
    return CdkArguments.destroy(options);
  }
}
