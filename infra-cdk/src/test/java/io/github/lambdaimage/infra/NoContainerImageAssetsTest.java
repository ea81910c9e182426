package io.github.lambdaimage.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.LambdaImageContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.LegacyStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;

class NoContainerImageAssetsTest {

  @TempDir Path outdir;

  @Test
  void theAppsCloudAssemblyHoldsNoContainerImageAssetAndNoAssetManifest() throws IOException {
    App app =
        TestApps.app(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "arm64"),
            outdir);
    LambdaImageStacks.fromContext(app, TestApps.MANIFESTS);
    app.synth();

    assertThat(NoContainerImageAssets.find(outdir)).isEmpty();
    try (var files = Files.list(outdir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .contains("manifest.json", "LambdaImageFunction.template.json")
          .noneMatch(name -> name.endsWith(".assets.json") || name.startsWith("asset."));
    }
    NoContainerImageAssets.check(outdir);
  }

  @Test
  void imageAssetOfTheDefaultSynthesizerIsFound() throws IOException {
    synthesizeStackBuildingAnImage(null);

    assertThat(NoContainerImageAssets.find(outdir))
        .singleElement()
        .asString()
        .startsWith("Builds.assets.json: ");
  }

  @Test
  void imageAssetOfTheLegacySynthesizerIsFoundAndFailsTheCheck() throws IOException {
    synthesizeStackBuildingAnImage(new LegacyStackSynthesizer());

    assertThat(NoContainerImageAssets.find(outdir))
        .singleElement()
        .asString()
        .startsWith("Builds: ");
    assertThatThrownBy(() -> NoContainerImageAssets.check(outdir))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessageContaining("holds container image assets [Builds: ")
        .hasMessageEndingWith(
            ": deploying it would build Docker images. Deploy prebuilt images by digest with"
                + " DockerImageCode.fromEcr instead of fromImageAsset.");
  }

  private void synthesizeStackBuildingAnImage(IStackSynthesizer synthesizer) throws IOException {
    Path context = Files.createDirectories(outdir.resolve("../image-context").normalize());
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
    App app = TestApps.app(Map.of(), outdir);
    Stack stack = new Stack(app, "Builds", StackProps.builder().synthesizer(synthesizer).build());
    DockerImageFunction.Builder.create(stack, "Function")
        .code(DockerImageCode.fromImageAsset(context.toString()))
        .build();
    app.synth();
  }
}
