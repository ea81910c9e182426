package io.github.lambdaimage.cdk;

import static io.github.lambdaimage.cdk.Records.ARM64_DIGEST;
import static io.github.lambdaimage.cdk.Records.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.model.Architecture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

class LambdaImageContextTest {

  private static final String DEFAULT = "../handler/target/lambda-image/images.json";

  @TempDir Path workingDirectory;

  private static LambdaImageCode fromContext(Map<String, String> context, Path workingDirectory) {
    App app = App.Builder.create().context(context).build();
    return LambdaImageContext.fromContext(app, workingDirectory, DEFAULT);
  }

  @Test
  void manifestAndArchitectureComeFromContext() {
    LambdaImageCode image =
        fromContext(
            Map.of(
                LambdaImageContext.MANIFEST, "ecr/images.json", LambdaImageContext.ARCH, "arm64"),
            FIXTURES);

    assertThat(image.digest()).isEqualTo(ARM64_DIGEST);
    assertThat(image.source()).isEqualTo(FIXTURES.resolve("ecr/images.json").toString());
  }

  @Test
  void explicitRepositoryDigestAndArchitectureNeedNoManifest() {
    LambdaImageCode image =
        fromContext(
            Map.of(
                LambdaImageContext.REPOSITORY, "210987654321.dkr.ecr.us-east-1.amazonaws.com/o",
                LambdaImageContext.DIGEST, ARM64_DIGEST,
                LambdaImageContext.ARCH, "aarch64"),
            workingDirectory);

    assertThat(image)
        .isEqualTo(
            LambdaImageCode.checked(
                "210987654321.dkr.ecr.us-east-1.amazonaws.com/o",
                ARM64_DIGEST,
                Architecture.ARM64,
                "context lambda.image.digest"));
  }

  @Test
  void missingDefaultManifestSaysWhereItLookedAndWhatToDo() {
    assertThatThrownBy(() -> fromContext(Map.of(), workingDirectory))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "No image manifest at "
                + workingDirectory.resolve(DEFAULT).normalize()
                + " (the default of lambda.image.manifest). Build and push the image first"
                + " (./mvnw deploy -Dlambda.arch=<arch>), point lambda.image.manifest at an"
                + " images.json, or give lambda.image.repository, lambda.image.digest and"
                + " lambda.arch.");
  }

  @Test
  void partialExplicitImageNamesWhatIsMissing() {
    assertThatThrownBy(
            () ->
                fromContext(
                    Map.of(LambdaImageContext.REPOSITORY, "127.0.0.1:5000/hello"),
                    workingDirectory))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "An explicit image needs all of lambda.image.repository, lambda.image.digest and"
                + " lambda.arch; missing: lambda.image.digest, lambda.arch. Give them all, or"
                + " none to read lambda.image.manifest.");
  }

  @Test
  void explicitDigestThatIsATagIsRejected() {
    assertThatThrownBy(
            () ->
                fromContext(
                    Map.of(
                        LambdaImageContext.REPOSITORY, "127.0.0.1:5000/hello",
                        LambdaImageContext.DIGEST, "1.0.0-arm64",
                        LambdaImageContext.ARCH, "arm64"),
                    workingDirectory))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "Image digest '1.0.0-arm64' from context lambda.image.digest is not a manifest digest"
                + " (sha256: followed by 64 lower-case hex digits).");
  }

  @Test
  void unknownArchitectureNamesTheContextKey() {
    assertThatThrownBy(
            () ->
                fromContext(
                    Map.of(
                        LambdaImageContext.MANIFEST, "ecr/images.json",
                        LambdaImageContext.ARCH, "ARM"),
                    FIXTURES))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessageStartingWith("Context lambda.arch: Unknown architecture 'ARM'");
  }
}
