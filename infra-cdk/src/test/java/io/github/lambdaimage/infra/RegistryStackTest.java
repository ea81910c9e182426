package io.github.lambdaimage.infra;

import static io.github.lambdaimage.infra.TestApps.stacks;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.cdk.LambdaImageContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;

class RegistryStackTest {

  @TempDir Path outdir;

  private static Matcher keepsNewest(int count) {
    return Match.serializedJson(
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "rulePriority",
                    1,
                    "description",
                    "Keep the newest " + count + " images",
                    "selection",
                    Map.of(
                        "tagStatus", "any",
                        "countType", "imageCountMoreThan",
                        "countNumber", count),
                    "action",
                    Map.of("type", "expire")))));
  }

  @Test
  void repositoryScansOnPushHasImmutableTagsAndKeepsTheLastTwentyImages() {
    Template template =
        Template.fromStack(
            stacks(Map.of(LambdaImageContext.MANIFEST, "local-registry/image.json"), outdir)
                .registry());

    template.resourceCountIs("AWS::ECR::Repository", 1);
    template.hasResourceProperties(
        "AWS::ECR::Repository",
        Map.of(
            "RepositoryName",
            "hello",
            "ImageScanningConfiguration",
            Map.of("ScanOnPush", true),
            "ImageTagMutability",
            "IMMUTABLE",
            "LifecyclePolicy",
            Map.of("LifecyclePolicyText", keepsNewest(20))));
    template.hasResource("AWS::ECR::Repository", Map.of("DeletionPolicy", "Retain"));
    assertThat(template.findOutputs("*")).containsOnlyKeys("RepositoryUri");
  }

  @Test
  void repositoryNameAndImageCountComeFromContext() {
    Template template =
        Template.fromStack(
            stacks(
                    Map.of(
                        ContextKeys.REGISTRY_ONLY, "true",
                        ContextKeys.REPOSITORY_NAME, "team/hello",
                        ContextKeys.KEEP_IMAGES, "5"),
                    outdir)
                .registry());

    template.hasResourceProperties(
        "AWS::ECR::Repository",
        Map.of(
            "RepositoryName",
            "team/hello",
            "LifecyclePolicy",
            Map.of("LifecyclePolicyText", keepsNewest(5))));
  }

  @Test
  void registryOnlySynthesizesWithoutAnyImage() {
    LambdaImageStacks.Stacks stacks = stacks(Map.of(ContextKeys.REGISTRY_ONLY, "true"), outdir);

    assertThat(stacks.function()).isEmpty();
    assertThat(stacks.registry().getStackName()).isEqualTo(LambdaImageStacks.REGISTRY_STACK);
  }
}
