package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

class FunctionStackTest {

  private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static ImageRecord built(Architecture architecture) {
    return ImageRecord.built(
        architecture,
        REPOSITORY,
        "1.0-" + architecture.dockerName(),
        "sha256:" + "b".repeat(64),
        "base",
        "example.Handler::handleRequest",
        "sha256:" + "c".repeat(64),
        architecture.dockerName());
  }

  @Test
  void deploysThePushedDigestWithTheImagesArchitecture() {
    FunctionStack stack =
        new FunctionStack(new App(), "Function", built(Architecture.ARM64).withDigest(DIGEST));

    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("PackageType", "Image", "Architectures", List.of("arm64")));
    assertTrue(template.toJSON().toString().contains("@" + DIGEST));
  }

  @Test
  void refusesAnImageThatWasNotPushed() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FunctionStack(new App(), "Function", built(Architecture.AMD64)));

    assertEquals(
        "The amd64 image " + REPOSITORY + ":1.0-amd64 has no registry digest: push it first with"
            + " ./mvnw deploy -Dlambda.image.repository=<ECR repository URI>",
        error.getMessage());
  }

  @Test
  void picksTheRequestedArchitectureOfSeveral() {
    List<ImageRecord> images = List.of(built(Architecture.AMD64), built(Architecture.ARM64));

    assertEquals("arm64", FunctionApp.select(images, "aarch64").architecture());
    assertThrows(IllegalArgumentException.class, () -> FunctionApp.select(images, null));
  }
}
