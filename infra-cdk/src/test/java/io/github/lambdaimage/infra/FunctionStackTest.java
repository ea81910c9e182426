package io.github.lambdaimage.infra;

import static io.github.lambdaimage.infra.TestApps.ARM64_DIGEST;
import static io.github.lambdaimage.infra.TestApps.flatten;
import static io.github.lambdaimage.infra.TestApps.stacks;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.cdk.LambdaImageContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FunctionStackTest {

  @TempDir Path outdir;

  private Template functionTemplate(Map<String, String> context) {
    return Template.fromStack(stacks(context, outdir).function().orElseThrow());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> functionProperties(Template template) {
    Map<String, Map<String, Object>> functions =
        (Map<String, Map<String, Object>>)
            (Map<?, ?>) template.findResources("AWS::Lambda::Function");
    assertThat(functions).hasSize(1);
    return (Map<String, Object>) functions.values().iterator().next().get("Properties");
  }

  @SuppressWarnings("unchecked")
  private static String imageUri(Template template) {
    return flatten(
        ((Map<String, Object>) functionProperties(template).get("Code")).get("ImageUri"));
  }

  @Test
  void arm64ImageFromImagesJsonDeploysByDigestWithArm64Architecture() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "arm64"));

    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "PackageType",
                "Image",
                "Architectures",
                List.of("arm64"),
                "MemorySize",
                512,
                "Timeout",
                30)));
    assertThat(imageUri(template))
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.${AWS::URLSuffix}/hello@" + ARM64_DIGEST)
        .endsWith(ARM64_DIGEST);
    assertThat(functionProperties(template)).doesNotContainKey("TracingConfig");
  }

  @Test
  void amd64IsPickedFromTheSameImagesJsonWithItsOwnDigest() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "x86_64"));

    template.hasResourceProperties(
        "AWS::Lambda::Function", Match.objectLike(Map.of("Architectures", List.of("x86_64"))));
    assertThat(imageUri(template)).endsWith("/hello@" + TestApps.AMD64_DIGEST);
  }

  @Test
  void functionUrlUsesIamAuthAndTheStackOutputsNameAndUrl() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "arm64"));

    template.resourceCountIs("AWS::Lambda::Url", 1);
    template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "AWS_IAM"));
    assertThat(template.findOutputs("*")).containsOnlyKeys("FunctionName", "FunctionUrl");
  }

  @Test
  void ecrImageInAnotherRegionIsStoppedByARuleBeforeDeploying() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "arm64"));

    assertThat(template.toJSON().get("Rules"))
        .isEqualTo(
            Map.of(
                "ImageRegioneuwest1",
                Map.of(
                    "Assertions",
                    List.of(
                        Map.of(
                            "Assert",
                            Map.of(
                                "Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "eu-west-1")),
                            "AssertDescription",
                            "The image is in ECR region eu-west-1; Lambda pulls images from its"
                                + " own region only. Deploy to eu-west-1 (cdk.region) or push the"
                                + " image to this region.")))));
  }

  @Test
  void memoryTimeoutTracingAndPublicUrlComeFromContext() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json",
                LambdaImageContext.ARCH, "arm64",
                ContextKeys.MEMORY, "1024",
                ContextKeys.TIMEOUT, "60",
                ContextKeys.ACTIVE_TRACING, "true",
                ContextKeys.URL_AUTH, "none"));

    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "MemorySize", 1024,
                "Timeout", 60,
                "TracingConfig", Map.of("Mode", "Active"))));
    template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE"));
  }

  @Test
  void imageOutsideEcrIsPulledFromTheRegistryStacksRepositoryInTheDeployRegion() {
    LambdaImageStacks.Stacks stacks =
        stacks(
            Map.of(
                LambdaImageContext.MANIFEST, "local-registry/image.json",
                ContextKeys.REPOSITORY_NAME, "team/hello"),
            outdir);
    Template template = Template.fromStack(stacks.function().orElseThrow());

    assertThat(imageUri(template))
        .isEqualTo(
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/team/hello@sha256:"
                + "c".repeat(64));
    assertThat(template.toJSON()).doesNotContainKey("Rules");
    assertThat(stacks.function().orElseThrow().getDependencies())
        .containsExactly(stacks.registry());
  }

  @Test
  void explicitRepositoryDigestAndArchNeedNoManifest() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.REPOSITORY, "210987654321.dkr.ecr.us-east-1.amazonaws.com/other",
                LambdaImageContext.DIGEST, ARM64_DIGEST,
                LambdaImageContext.ARCH, "aarch64"));

    template.hasResourceProperties(
        "AWS::Lambda::Function", Match.objectLike(Map.of("Architectures", List.of("arm64"))));
    assertThat(imageUri(template))
        .isEqualTo("210987654321.dkr.ecr.us-east-1.${AWS::URLSuffix}/other@" + ARM64_DIGEST);
  }

  @Test
  void functionInAnotherRepositoryThanTheRegistryStacksDoesNotDependOnIt() {
    LambdaImageStacks.Stacks stacks =
        stacks(
            Map.of(
                LambdaImageContext.REPOSITORY, "210987654321.dkr.ecr.us-east-1.amazonaws.com/other",
                LambdaImageContext.DIGEST, ARM64_DIGEST,
                LambdaImageContext.ARCH, "arm64"),
            outdir);

    assertThat(stacks.function().orElseThrow().getDependencies()).isEmpty();
  }
}
