package ${package};

import io.github.lambdaimage.cdk.LambdaImageCode;
import io.github.lambdaimage.cdk.LambdaImageFunction;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.FunctionOptions;
import software.constructs.Construct;

/**
 * The Lambda function, deployed from the image the handler module pushed, by its digest and with
 * its architecture: nothing is built during synthesis.
 */
public class FunctionStack extends Stack {

  /**
   * @param scope the app
   * @param id the stack's name
   * @param image the pushed image, e.g. from the handler's {@code images.json}
   */
  public FunctionStack(Construct scope, String id, LambdaImageCode image) {
    super(scope, id);
    LambdaImageFunction function =
        new LambdaImageFunction(
            this,
            "Function",
            image,
            FunctionOptions.builder().memorySize(512).timeout(Duration.seconds(30)).build());
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
  }
}
