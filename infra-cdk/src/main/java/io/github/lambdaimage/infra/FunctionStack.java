package io.github.lambdaimage.infra;

import io.github.lambdaimage.model.Architecture;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.LegacyStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.EcrImageCodeProps;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Tracing;
import software.constructs.Construct;

/**
 * The Lambda function, deployed from a prebuilt image by digest ({@code DockerImageCode.fromEcr}):
 * nothing is built during synthesis, and the architecture is the image's.
 *
 * <p>The repository is referenced by name and ARN, not through the registry stack's construct: an
 * ECR image URI gives account, region and name, so the function pulls exactly the recorded
 * repository, even one this app does not manage, and no CloudFormation export ties the stacks
 * together. Because Lambda pulls only from its own region, a rule stops a deploy to another region
 * before anything changes.
 */
public class FunctionStack extends Stack {

  private final DockerImageFunction function;
  private final String repositoryName;

  /**
   * @param scope the app
   * @param id the stack's name
   * @param props the image and the function's settings
   */
  public FunctionStack(Construct scope, String id, FunctionStackProps props) {
    super(scope, id, StackProps.builder().synthesizer(new LegacyStackSynthesizer()).build());
    ImageReference image = props.image();
    IRepository repository = repository(image, props.fallbackRepositoryName());
    this.repositoryName = repository.getRepositoryName();
    this.function =
        DockerImageFunction.Builder.create(this, "Function")
            .description(
                "lambda-image " + image.architecture() + " " + image.digest().substring(0, 19))
            .code(
                DockerImageCode.fromEcr(
                    repository, EcrImageCodeProps.builder().tagOrDigest(image.digest()).build()))
            .architecture(lambdaArchitecture(image.architecture()))
            .memorySize(props.memorySize())
            .timeout(Duration.seconds(props.timeoutSeconds()))
            .tracing(props.activeTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
            .build();
    FunctionUrl url =
        function.addFunctionUrl(FunctionUrlOptions.builder().authType(props.urlAuthType()).build());
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
    CfnOutput.Builder.create(this, "FunctionUrl").value(url.getUrl()).build();
  }

  private IRepository repository(ImageReference image, String fallbackName) {
    return image
        .ecrRepository()
        .map(
            ecr -> {
              requireRegion(ecr.region());
              return Repository.fromRepositoryAttributes(
                  this,
                  "ImageRepository",
                  RepositoryAttributes.builder()
                      .repositoryName(ecr.name())
                      .repositoryArn(ecr.arn())
                      .build());
            })
        .orElseGet(() -> Repository.fromRepositoryName(this, "ImageRepository", fallbackName));
  }

  private void requireRegion(String region) {
    CfnRule.Builder.create(this, "ImageRegion")
        .assertions(
            List.of(
                CfnRuleAssertion.builder()
                    .assertValue(Fn.conditionEquals(Aws.REGION, region))
                    .assertDescription(
                        "The image is in ECR region "
                            + region
                            + "; Lambda pulls images from its own region only. Deploy to "
                            + region
                            + " (cdk.region) or push the image to this region.")
                    .build()))
        .build();
  }

  private static software.amazon.awscdk.services.lambda.Architecture lambdaArchitecture(
      Architecture architecture) {
    return architecture == Architecture.ARM64
        ? software.amazon.awscdk.services.lambda.Architecture.ARM_64
        : software.amazon.awscdk.services.lambda.Architecture.X86_64;
  }

  /** The function. */
  public DockerImageFunction function() {
    return function;
  }

  /** The name of the ECR repository the function pulls from. */
  public String repositoryName() {
    return repositoryName;
  }
}
