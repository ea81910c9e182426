package io.github.lambdaimage.infra;

import static io.github.lambdaimage.infra.TestApps.ARM64_DIGEST;
import static io.github.lambdaimage.infra.TestApps.MANIFESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReferenceResolverTest {

  @TempDir Path workingDirectory;

  private static ImageReference resolve(Map<String, String> context, Path workingDirectory) {
    return new ImageReferenceResolver(ContextValues.of(context), workingDirectory).resolve();
  }

  private static ImageReference resolve(Map<String, String> context) {
    return resolve(context, MANIFESTS);
  }

  @Test
  void archPicksOneImageOfSeveralInImagesJson() {
    ImageReference image =
        resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "ecr/images.json", ContextKeys.ARCH, "arm64"));

    assertThat(image)
        .isEqualTo(
            new ImageReference(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello",
                ARM64_DIGEST,
                Architecture.ARM64,
                MANIFESTS.resolve("ecr/images.json").toString()));
  }

  @Test
  void singleImageJsonNeedsNoArch() {
    ImageReference image = resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "local-registry/image.json"));

    assertThat(image.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(image.digestReference())
        .isEqualTo("127.0.0.1:5000/lambda-image-it/hello@sha256:" + "c".repeat(64));
  }

  @Test
  void indexIsRecognisedByItsContentWhateverTheFileIsCalled() throws Exception {
    Path copy = workingDirectory.resolve("downloaded-artifact.json");
    Files.copy(MANIFESTS.resolve("ecr/images.json"), copy);

    ImageReference image =
        resolve(
            Map.of(ContextKeys.IMAGE_MANIFEST, copy.toString(), ContextKeys.ARCH, "amd64"),
            workingDirectory);

    assertThat(image.digest()).isEqualTo(TestApps.AMD64_DIGEST);
  }

  @Test
  void jsonThatIsNoImageRecordIsRejected() throws Exception {
    Files.writeString(workingDirectory.resolve("other.json"), "{\"name\":\"x\"}");

    assertThatThrownBy(
            () -> resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "other.json"), workingDirectory))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            workingDirectory.resolve("other.json")
                + " is not an image.json or images.json written by lambda-image: an image has no"
                + " architecture.");
  }

  @Test
  void archNotInTheManifestIsAMismatch() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        ContextKeys.IMAGE_MANIFEST,
                        "local-registry/image.json",
                        ContextKeys.ARCH,
                        "amd64")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            "The function is declared amd64 (lambda.arch), but "
                + MANIFESTS.resolve("local-registry/image.json")
                + " has images for arm64 only. Build and push an amd64 image (./mvnw deploy"
                + " -Dlambda.arch=amd64) or declare lambda.arch=arm64.");
  }

  @Test
  void imageWithoutDigestWasNeverPushed() {
    assertThatThrownBy(() -> resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "unpushed/images.json")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            "The arm64 image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello:1.0.0-arm64 in "
                + MANIFESTS.resolve("unpushed/images.json")
                + " has no digest: it was built but never pushed. Push it (./mvnw deploy"
                + " -Dlambda.arch=arm64) so the function can deploy it by digest.");
  }

  @Test
  void missingDefaultManifestSaysWhereItLookedAndWhatToDo() {
    assertThatThrownBy(() -> resolve(Map.of(), workingDirectory))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            "No image manifest at "
                + workingDirectory.resolve("../handler/target/lambda-image/images.json").normalize()
                + " (the default of lambda.image.manifest). Build and push the image first"
                + " (./mvnw deploy -Dlambda.arch=<arch>), point lambda.image.manifest at an"
                + " images.json, or give lambda.image.repository, lambda.image.digest and"
                + " lambda.arch.");
  }

  @Test
  void severalImagesWithoutArchAskForOne() {
    assertThatThrownBy(() -> resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "ecr/images.json")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            MANIFESTS.resolve("ecr/images.json")
                + " lists images for amd64, arm64; choose the function's architecture with"
                + " -Dlambda.arch=<arch> (or -c lambda.arch=<arch>).");
  }

  @Test
  void imageTheEngineReportedWithAnotherArchitectureIsRejected() {
    Path file = workingDirectory.resolve("image.json");
    ImageRecords.writeAtomically(
        file,
        ImageRecords.toJson(
            ImageRecord.built(
                    Architecture.ARM64,
                    "127.0.0.1:5000/hello",
                    "1-arm64",
                    "sha256:" + "1".repeat(64),
                    "base@sha256:" + "2".repeat(64),
                    "example.Handler",
                    "sha256:" + "3".repeat(64),
                    "amd64")
                .withDigest(ARM64_DIGEST)));

    assertThatThrownBy(
            () -> resolve(Map.of(ContextKeys.IMAGE_MANIFEST, "image.json"), workingDirectory))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            file
                + ": the image was requested as arm64 but the engine reported amd64; Lambda would"
                + " fail with exec format error. Rebuild the image.");
  }

  @Test
  void partialExplicitImageNamesWhatIsMissing() {
    assertThatThrownBy(() -> resolve(Map.of(ContextKeys.IMAGE_REPOSITORY, "127.0.0.1:5000/hello")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            "An explicit image needs all of lambda.image.repository, lambda.image.digest and"
                + " lambda.arch; missing: lambda.image.digest, lambda.arch. Give them all, or"
                + " none to read lambda.image.manifest.");
  }

  @Test
  void digestThatIsATagIsRejected() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        ContextKeys.IMAGE_REPOSITORY, "127.0.0.1:5000/hello",
                        ContextKeys.IMAGE_DIGEST, "1.0.0-arm64",
                        ContextKeys.ARCH, "arm64")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessage(
            "Image digest '1.0.0-arm64' from context lambda.image.digest is not a manifest digest"
                + " (sha256: followed by 64 lower-case hex digits).");
  }

  @Test
  void unknownArchNamesTheContextKey() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(ContextKeys.IMAGE_MANIFEST, "ecr/images.json", ContextKeys.ARCH, "ARM")))
        .isInstanceOf(InfraConfigurationException.class)
        .hasMessageStartingWith("Context lambda.arch: Unknown architecture 'ARM'");
  }
}
