package ${package};

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdaimage.cdk.LambdaImageCode;
import io.github.lambdaimage.model.Architecture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

class FunctionStackTest {

  private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void deploysThePushedDigestWithTheImagesArchitecture() {
    FunctionStack stack =
        new FunctionStack(
            new App(),
            "Function",
            LambdaImageCode.fromDigest(REPOSITORY, DIGEST, Architecture.ARM64));

    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("PackageType", "Image", "Architectures", List.of("arm64"), "MemorySize", 512));
    assertTrue(template.toJSON().toString().contains("@" + DIGEST));
  }
}
