package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.cli.CdkArguments;
import io.github.lambdaimage.cdk.cli.CliOptions;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Compares the stacks with what is deployed ({@code cdk diff}); needs AWS credentials. */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractCliMojo {

  @Override
  protected List<String> arguments(CliOptions options) {
    return CdkArguments.diff(options);
  }
}
