package io.github.lambdaimage.cdk;

import static io.github.lambdaimage.cdk.Records.AMD64_DIGEST;
import static io.github.lambdaimage.cdk.Records.ARM64_DIGEST;
import static io.github.lambdaimage.cdk.Records.ECR_REPOSITORY;
import static io.github.lambdaimage.cdk.Records.FIXTURES;
import static io.github.lambdaimage.cdk.Records.built;
import static io.github.lambdaimage.cdk.Records.pushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaImageCodeTest {

  private static final Path ECR_INDEX = FIXTURES.resolve("ecr/images.json");

  @TempDir Path buildDirectory;

  private ImageRecords records() {
    return ImageRecords.inBuildDirectory(buildDirectory);
  }

  @Test
  void architecturePicksOneImageOfSeveralInImagesJson() {
    LambdaImageCode image = LambdaImageCode.fromRecord(ECR_INDEX, "arm64");

    assertThat(image.digestReference()).isEqualTo(ECR_REPOSITORY + "@" + ARM64_DIGEST);
    assertThat(image.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(image.lambdaArchitecture().getName()).isEqualTo("arm64");
    assertThat(image.source()).isEqualTo(ECR_INDEX.toString());
  }

  @Test
  void aliasesNameTheSameArchitecture() {
    LambdaImageCode image = LambdaImageCode.fromRecord(ECR_INDEX, "x86_64");

    assertThat(image.digest()).isEqualTo(AMD64_DIGEST);
    assertThat(image.lambdaArchitecture().getName()).isEqualTo("x86_64");
  }

  @Test
  void singleImageJsonNeedsNoArchitecture() {
    LambdaImageCode image =
        LambdaImageCode.fromRecord(FIXTURES.resolve("local-registry/image.json"));

    assertThat(image.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(image.digestReference())
        .isEqualTo("127.0.0.1:5000/lambda-image-it/hello@sha256:" + "c".repeat(64));
    assertThat(image.ecrRepository()).isEmpty();
  }

  @Test
  void indexIsRecognisedByItsContentWhateverTheFileIsCalled() throws Exception {
    Path copy = buildDirectory.resolve("downloaded-artifact.json");
    Files.copy(ECR_INDEX, copy);

    assertThat(LambdaImageCode.fromRecord(copy, Architecture.AMD64).digest())
        .isEqualTo(AMD64_DIGEST);
  }

  @Test
  void jsonThatIsNoImageRecordIsRejected() throws Exception {
    Path other = buildDirectory.resolve("other.json");
    Files.writeString(other, "{\"name\":\"x\"}");

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(other))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "Cannot read the image manifest "
                + other
                + ": Cannot read image record "
                + other
                + ": an image has no \"architecture\"; it is not an image.json or images.json"
                + " written by lambda-image");
  }

  @Test
  void missingFileSaysToBuildAndPushFirst() {
    Path missing = buildDirectory.resolve("lambda-image/images.json");

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(missing, "arm64"))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "No image manifest at "
                + missing
                + ". Build and push the image first (./mvnw deploy -Dlambda.arch=<arch>), then"
                + " read the images.json or image.json it wrote.");
  }

  @Test
  void severalImagesAndNoArchitectureChosenAskForOne() {
    assertThatThrownBy(() -> LambdaImageCode.fromRecord(ECR_INDEX))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            ECR_INDEX
                + " lists images for amd64, arm64; choose the function's architecture with"
                + " -Dlambda.arch=<arch> (or -c lambda.arch=<arch>).");
  }

  @Test
  void architectureNotInAnImageJsonIsAMismatch() {
    Path file = FIXTURES.resolve("local-registry/image.json");

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(file, "amd64"))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The function is declared amd64 (lambda.arch), but "
                + file
                + " has images for arm64 only. Build and push an amd64 image (./mvnw deploy"
                + " -Dlambda.arch=amd64) or declare lambda.arch=arm64.");
  }

  @Test
  void architectureTheLastBuildDidNotBuildIsNamedWithBothFixes() {
    records()
        .recordBuild(
            List.of(
                pushed(Architecture.AMD64, AMD64_DIGEST),
                pushed(Architecture.ARM64, ARM64_DIGEST)));
    records().recordBuild(List.of(pushed(Architecture.AMD64, AMD64_DIGEST)));

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(records().indexFile(), "arm64"))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The function is declared arm64 (lambda.arch), but "
                + records().indexFile()
                + " lists amd64 only: the last build did not build arm64. Build and push it"
                + " (./mvnw deploy -Dlambda.arch=arm64), or deploy the arm64 image an earlier"
                + " build left by pointing lambda.image.manifest at "
                + records().imageFile(Architecture.ARM64)
                + ".");
    assertThat(LambdaImageCode.fromRecord(records().imageFile(Architecture.ARM64)).digest())
        .isEqualTo(ARM64_DIGEST);
  }

  @Test
  void imageWithoutDigestWasNeverPushed() {
    Path file = FIXTURES.resolve("unpushed/images.json");

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(file))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The arm64 image "
                + ECR_REPOSITORY
                + ":1.0.0-arm64 in "
                + file
                + " has no digest: it was built but never pushed. Push it (./mvnw deploy"
                + " -Dlambda.arch=arm64) so the function can deploy it by digest.");
  }

  @Test
  void imageTheEngineReportedWithAnotherArchitectureIsRejected() {
    records().write(built(Architecture.ARM64, "amd64").withDigest(ARM64_DIGEST));
    Path file = records().imageFile(Architecture.ARM64);

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(file))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            file
                + ": the image was requested as arm64 but the engine reported amd64; Lambda would"
                + " fail with exec format error. Rebuild the image.");
  }

  @Test
  void recordWithoutArchitectureCheckIsRefused() {
    records().write(built(Architecture.ARM64, null).withDigest(ARM64_DIGEST));

    assertThatThrownBy(() -> LambdaImageCode.fromRecord(records().indexFile(), "arm64"))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            records().indexFile()
                + ": the arm64 image has no architecture check (no verifiedArchitecture), so"
                + " nothing shows it runs as arm64. Rebuild and push it with lambda-image"
                + " (./mvnw deploy -Dlambda.arch=arm64), which checks the built image's"
                + " architecture.");
  }

  @Test
  void explicitDigestThatIsATagIsRejected() {
    assertThatThrownBy(
            () -> LambdaImageCode.fromDigest(ECR_REPOSITORY, "1.0.0-arm64", Architecture.ARM64))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "Image digest '1.0.0-arm64' from the given image is not a manifest digest (sha256:"
                + " followed by 64 lower-case hex digits).");
  }

  @Test
  void unknownArchitectureIsRejectedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> LambdaImageCode.fromRecord(ECR_INDEX, "ARM"))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessageStartingWith("The function's architecture: Unknown architecture 'ARM'");
  }
}
