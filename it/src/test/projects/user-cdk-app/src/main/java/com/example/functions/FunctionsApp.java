package com.example.functions;

import io.github.lambdaimage.cdk.LambdaImageCode;
import io.github.lambdaimage.cdk.LambdaImageFunction;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.FunctionOptions;

/** A user's CDK app: one function from the image lambda-image built and pushed. */
public final class FunctionsApp {

  private FunctionsApp() {}

  public static void main(String[] args) {
    App app = new App();
    Stack stack = new Stack(app, "Functions");
    String architecture = (String) app.getNode().tryGetContext("lambda.arch");
    LambdaImageCode image =
        LambdaImageCode.fromRecord(Path.of("images/images.json"), architecture);
    new LambdaImageFunction(
        stack,
        "Greeter",
        image,
        FunctionOptions.builder()
            .memorySize(1024)
            .timeout(Duration.seconds(20))
            .environment(Map.of("GREETING", "hello"))
            .build());
    app.synth();
  }
}
