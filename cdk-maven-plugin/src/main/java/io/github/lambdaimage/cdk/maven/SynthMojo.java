package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.cli.NodeRuntime;
import io.github.lambdaimage.log.BuildLog;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Synthesizes the module's CDK app into the cloud assembly directory ({@code target/cdk.out}) by
 * running its main class in a forked JVM with the module's runtime classpath and the CDK context.
 * Needs Node.js (aws-cdk-lib runs in it), never Docker or AWS credentials.
 */
@Mojo(
    name = "synth",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class SynthMojo extends AbstractCdkMojo {

  @Override
  protected void execute(BuildLog log, NodeRuntime nodeRuntime) throws MojoFailureException {
    synthesize(log, nodeRuntime);
  }
}
