package io.github.lambdaimage.cdk;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.DockerImageFunctionProps;
import software.amazon.awscdk.services.lambda.EcrImageCodeProps;
import software.amazon.awscdk.services.lambda.FunctionOptions;
import software.constructs.Construct;

/**
 * A {@link DockerImageFunction} that runs a {@link LambdaImageCode}: the image by digest ({@code
 * DockerImageCode.fromEcr}, nothing built during synthesis) and the function's architecture taken
 * from the image, so neither is typed twice. Every other function option passes through.
 *
 * <p>Lambda pulls images from its own region only: when the stack's region is known, an image in
 * another ECR region fails synthesis; otherwise a CloudFormation rule stops such a deploy before
 * anything changes.
 */
public class LambdaImageFunction extends DockerImageFunction {

  private final LambdaImageCode image;
  private final IRepository imageRepository;

  /**
   * @param scope the construct's parent, e.g. a stack
   * @param id the function's id; the repository reference is {@code <id>ImageRepository}
   * @param image the image to run
   */
  public LambdaImageFunction(Construct scope, String id, LambdaImageCode image) {
    this(scope, id, image, null);
  }

  /**
   * @param scope the construct's parent, e.g. a stack
   * @param id the function's id; the repository reference is {@code <id>ImageRepository}
   * @param image the image to run
   * @param options memory, timeout, environment and any other function option; an {@code
   *     architecture}, when given, must be the image's
   * @throws LambdaImageCodeException when {@code options} declare another architecture than the
   *     image's, or Lambda cannot pull the image (not in ECR, another region)
   */
  public LambdaImageFunction(
      Construct scope, String id, LambdaImageCode image, FunctionOptions options) {
    this(scope, id, image, image.pullRepository(scope, id + "ImageRepository"), options);
  }

  private LambdaImageFunction(
      Construct scope,
      String id,
      LambdaImageCode image,
      IRepository repository,
      FunctionOptions options) {
    super(scope, id, props(image, repository, options));
    this.image = image;
    this.imageRepository = repository;
    image.ecrRepository().ifPresent(ecr -> requireRegion(Stack.of(this), ecr.region()));
  }

  private static DockerImageFunctionProps props(
      LambdaImageCode image, IRepository repository, FunctionOptions options) {
    if (options != null
        && options.getArchitecture() != null
        && !options.getArchitecture().getName().equals(image.lambdaArchitecture().getName())) {
      throw new LambdaImageCodeException(
          "The function options declare architecture "
              + options.getArchitecture().getName()
              + ", but the image "
              + image.digestReference()
              + " from "
              + image.source()
              + " is "
              + image.architecture()
              + " ("
              + image.lambdaArchitecture().getName()
              + "); Lambda would fail with exec format error. Leave architecture out: the"
              + " function takes the image's.");
    }
    DockerImageFunctionProps.Builder props = FunctionOptionsCopy.of(options);
    if (options == null || options.getDescription() == null) {
      props.description(
          "lambda-image " + image.architecture() + " " + image.digest().substring(0, 19));
    }
    return props
        .code(
            DockerImageCode.fromEcr(
                repository, EcrImageCodeProps.builder().tagOrDigest(image.digest()).build()))
        .architecture(image.lambdaArchitecture())
        .build();
  }

  private static void requireRegion(Stack stack, String region) {
    String deployRegion = stack.getRegion();
    if (!Token.isUnresolved(deployRegion)) {
      if (!deployRegion.equals(region)) {
        throw new LambdaImageCodeException(
            "The image is in ECR region "
                + region
                + ", but stack "
                + stack.getStackName()
                + " deploys to "
                + deployRegion
                + "; Lambda pulls images from its own region only. Deploy to "
                + region
                + " or push the image to "
                + deployRegion
                + ".");
      }
      return;
    }
    String id = "ImageRegion" + region.replace("-", "");
    if (stack.getNode().tryFindChild(id) != null) {
      return;
    }
    CfnRule.Builder.create(stack, id)
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

  /** The image the function runs. */
  public LambdaImageCode image() {
    return image;
  }

  /** The ECR repository the function pulls its image from. */
  public IRepository imageRepository() {
    return imageRepository;
  }
}
