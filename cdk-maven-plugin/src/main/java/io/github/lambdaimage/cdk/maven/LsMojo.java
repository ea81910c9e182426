package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.cli.CdkArguments;
import io.github.lambdaimage.cdk.cli.CliOptions;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Lists the stacks of the cloud assembly with the AWS CDK CLI ({@code cdk ls}); needs no AWS. */
@Mojo(name = "ls", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LsMojo extends AbstractCliMojo {

  @Override
  protected List<String> arguments(CliOptions options) {
    return CdkArguments.ls(options);
  }
}
