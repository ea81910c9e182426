package io.github.lambdaimage.infra;

import io.github.lambdaimage.cdk.LambdaImageCodeException;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app's entry point: the registry and function stacks from {@link LambdaImageStacks}, then
 * a check that the cloud assembly holds no container image asset (nothing may be built while
 * synthesizing).
 *
 * <p>Run by {@code cdk:synth} (cdk-maven-plugin) with the module directory as working directory,
 * {@code CDK_OUTDIR} set to {@code target/cdk.out} and the context in {@code CDK_CONTEXT_JSON}.
 */
public final class LambdaImageInfra {

  private LambdaImageInfra() {}

  /** Synthesizes the app; exits with status 1 and a one-paragraph message on a config error. */
  public static void main(String[] args) {
    try {
      App app = new App();
      LambdaImageStacks.fromContext(app, Path.of("").toAbsolutePath());
      CloudAssembly assembly = app.synth();
      NoContainerImageAssets.check(Path.of(assembly.getDirectory()));
    } catch (InfraConfigurationException | LambdaImageCodeException e) {
      System.err.println("Synthesis failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
