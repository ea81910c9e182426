package io.github.lambdaimage.infra;

import static io.github.lambdaimage.infra.TestApps.ARM64_DIGEST;
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

  private static void assertImageUri(Template template, Object... joined) {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of("Code", Map.of("ImageUri", Map.of("Fn::Join", List.of("", List.of(joined)))))));
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("Ref", name);
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
    assertImageUri(
        template,
        "123456789012.dkr.ecr.eu-west-1.",
        ref("AWS::URLSuffix"),
        "/hello@" + ARM64_DIGEST);
    template.hasResourceProperties(
        "AWS::Lambda::Function", Match.objectLike(Map.of("TracingConfig", Match.absent())));
  }

  @Test
  void amd64IsPickedFromTheSameImagesJsonWithItsOwnDigest() {
    Template template =
        functionTemplate(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "x86_64"));

    template.hasResourceProperties(
        "AWS::Lambda::Function", Match.objectLike(Map.of("Architectures", List.of("x86_64"))));
    assertImageUri(
        template,
        "123456789012.dkr.ecr.eu-west-1.",
        ref("AWS::URLSuffix"),
        "/hello@" + TestApps.AMD64_DIGEST);
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

    template.templateMatches(
        Match.objectLike(
            Map.of("Rules", Match.objectLike(Map.of("ImageRegioneuwest1", Match.anyValue())))));
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

    assertImageUri(
        template,
        ref("AWS::AccountId"),
        ".dkr.ecr.",
        ref("AWS::Region"),
        ".",
        ref("AWS::URLSuffix"),
        "/team/hello@sha256:" + "c".repeat(64));
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
    assertImageUri(
        template,
        "210987654321.dkr.ecr.us-east-1.",
        ref("AWS::URLSuffix"),
        "/other@" + ARM64_DIGEST);
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
