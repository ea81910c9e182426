package io.github.lambdaimage.infra;

import io.github.lambdaimage.cdk.LambdaImageFunction;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.LegacyStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.FunctionOptions;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Tracing;
import software.constructs.Construct;

/**
 * The Lambda function, deployed from a prebuilt image by digest with the image's architecture
 * ({@link LambdaImageFunction}): nothing is built during synthesis.
 *
 * <p>The repository is referenced by name and ARN, not through the registry stack's construct: an
 * ECR image URI gives account, region and name, so the function pulls exactly the recorded
 * repository, even one this app does not manage, and no CloudFormation export ties the stacks
 * together. An image outside ECR is pulled, by the same digest, from the registry stack's
 * repository in the deploy account and region.
 */
public class FunctionStack extends Stack {

  private final LambdaImageFunction function;

  /**
   * @param scope the app
   * @param id the stack's name
   * @param props the image and the function's settings
   */
  public FunctionStack(Construct scope, String id, FunctionStackProps props) {
    super(scope, id, StackProps.builder().synthesizer(new LegacyStackSynthesizer()).build());
    this.function =
        new LambdaImageFunction(
            this,
            "Function",
            props.image().orPullFrom(props.fallbackRepositoryName()),
            FunctionOptions.builder()
                .memorySize(props.memorySize())
                .timeout(Duration.seconds(props.timeoutSeconds()))
                .tracing(props.activeTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
                .build());
    FunctionUrl url =
        function.addFunctionUrl(FunctionUrlOptions.builder().authType(props.urlAuthType()).build());
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
    CfnOutput.Builder.create(this, "FunctionUrl").value(url.getUrl()).build();
  }

  /** The function. */
  public LambdaImageFunction function() {
    return function;
  }

  /** The name of the ECR repository the function pulls from. */
  public String repositoryName() {
    return function.imageRepository().getRepositoryName();
  }
}
