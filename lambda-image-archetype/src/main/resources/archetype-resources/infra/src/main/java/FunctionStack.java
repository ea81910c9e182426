package ${package};

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.EcrImageCodeProps;
import software.constructs.Construct;

/**
 * The Lambda function, deployed from the image the handler module pushed, by its digest and with
 * its architecture: nothing is built during synthesis.
 */
public class FunctionStack extends Stack {

  /**
   * @param scope the app
   * @param id the stack's name
   * @param image the pushed image, from the handler's {@code images.json}
   */
  public FunctionStack(Construct scope, String id, ImageRecord image) {
    super(scope, id);
    if (image.digest() == null) {
      throw new IllegalArgumentException(
          "The "
              + image.architecture()
              + " image "
              + image.taggedReference()
              + " has no registry digest: push it first with"
              + " ./mvnw deploy -Dlambda.image.repository=<ECR repository URI>");
    }
    String repositoryName = image.repository().substring(image.repository().indexOf('/') + 1);
    DockerImageFunction function =
        DockerImageFunction.Builder.create(this, "Function")
            .code(
                DockerImageCode.fromEcr(
                    Repository.fromRepositoryName(this, "Repository", repositoryName),
                    EcrImageCodeProps.builder().tagOrDigest(image.digest()).build()))
            .architecture(
                image.arch() == Architecture.ARM64
                    ? software.amazon.awscdk.services.lambda.Architecture.ARM_64
                    : software.amazon.awscdk.services.lambda.Architecture.X86_64)
            .build();
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
  }
}
