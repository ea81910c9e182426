package ${package};

import io.github.lambdaimage.cdk.LambdaImageCode;
import io.github.lambdaimage.cdk.LambdaImageContext;
import java.nio.file.Path;
import software.amazon.awscdk.App;

/**
 * The CDK app: one function stack from the handler's {@code images.json}. Context (or {@code -D}
 * properties through the cdk-maven-plugin): {@code lambda.arch}, which image of several, and {@code
 * lambda.image.manifest}, another images.json or image.json to deploy.
 */
public final class FunctionApp {

  static final String DEFAULT_MANIFEST = "../handler/target/lambda-image/images.json";

  private FunctionApp() {}

  /** Synthesizes the app into the directory the CDK CLI or cdk-maven-plugin gives. */
  public static void main(String[] args) {
    App app = new App();
    LambdaImageCode image = LambdaImageContext.fromContext(app, Path.of(""), DEFAULT_MANIFEST);
    new FunctionStack(app, "Function", image);
    app.synth();
  }
}
