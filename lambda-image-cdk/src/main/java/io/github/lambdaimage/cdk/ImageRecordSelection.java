package io.github.lambdaimage.cdk;

import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the image to deploy from an {@code images.json} or {@code image.json} and checks that it
 * can be deployed: pushed (a digest), built and checked for the architecture the function declares,
 * by the last build.
 */
final class ImageRecordSelection {

  private ImageRecordSelection() {}

  static LambdaImageCode select(Path file, Optional<Architecture> requested) {
    Path manifest = file.toAbsolutePath().normalize();
    List<ImageRecord> records = read(manifest);
    ImageRecord record = pick(records, requested, manifest);
    Architecture architecture = check(record, manifest);
    return LambdaImageCode.checked(
        record.repository(), record.digest(), architecture, manifest.toString());
  }

  static Architecture parseArchitecture(String value, String source) {
    try {
      return Architecture.parse(value);
    } catch (IllegalArgumentException e) {
      throw new LambdaImageCodeException(source + ": " + e.getMessage(), e);
    }
  }

  private static List<ImageRecord> read(Path manifest) {
    List<ImageRecord> records;
    try {
      boolean index = JsonText.readFile(manifest).containsKey("images");
      records =
          index ? ImageRecords.readIndexFile(manifest) : List.of(ImageRecords.readFile(manifest));
    } catch (NoSuchFileException | MissingImageRecordException e) {
      throw new LambdaImageCodeException(
          "No image manifest at "
              + manifest
              + ". Build and push the image first (./mvnw deploy -Dlambda.arch=<arch>), then read"
              + " the images.json or image.json it wrote.",
          e);
    } catch (IOException | UncheckedIOException e) {
      throw new LambdaImageCodeException(
          "Cannot read the image manifest " + manifest + ": " + e.getMessage(), e);
    }
    return records;
  }

  private static ImageRecord pick(
      List<ImageRecord> records, Optional<Architecture> requested, Path manifest) {
    if (records.isEmpty()) {
      throw new LambdaImageCodeException(
          manifest + " lists no images; build and push one first (./mvnw deploy).");
    }
    String available =
        records.stream()
            .map(record -> record.architecture().dockerName())
            .collect(Collectors.joining(", "));
    if (requested.isEmpty()) {
      if (records.size() > 1) {
        throw new LambdaImageCodeException(
            manifest
                + " lists images for "
                + available
                + "; choose the function's architecture with -Dlambda.arch=<arch> (or -c"
                + " lambda.arch=<arch>).");
      }
      return records.get(0);
    }
    Architecture wanted = requested.get();
    return records.stream()
        .filter(record -> record.architecture() == wanted)
        .findFirst()
        .orElseThrow(() -> notBuilt(wanted, manifest, available, records.get(0).architecture()));
  }

  private static LambdaImageCodeException notBuilt(
      Architecture wanted, Path manifest, String available, Architecture first) {
    Path leftOver = manifest.resolveSibling(wanted.dockerName()).resolve(ImageRecords.IMAGE_FILE);
    boolean index = manifest.getFileName().toString().equals(ImageRecords.INDEX_FILE);
    if (index && Files.isRegularFile(leftOver)) {
      return new LambdaImageCodeException(
          "The function is declared "
              + wanted
              + " (lambda.arch), but "
              + manifest
              + " lists "
              + available
              + " only: the last build did not build "
              + wanted
              + ". Build and push it (./mvnw deploy -Dlambda.arch="
              + wanted
              + "), or deploy the "
              + wanted
              + " image an earlier build left by pointing lambda.image.manifest at "
              + leftOver
              + ".");
    }
    return new LambdaImageCodeException(
        "The function is declared "
            + wanted
            + " (lambda.arch), but "
            + manifest
            + " has images for "
            + available
            + " only. Build and push an "
            + wanted
            + " image (./mvnw deploy -Dlambda.arch="
            + wanted
            + ") or declare lambda.arch="
            + first
            + ".");
  }

  private static Architecture check(ImageRecord record, Path manifest) {
    Architecture arch = record.architecture();
    if (record.verifiedArchitecture() == null) {
      throw new LambdaImageCodeException(
          manifest
              + ": the "
              + arch
              + " image has no architecture check (no verifiedArchitecture), so nothing shows"
              + " it runs as "
              + arch
              + ". Rebuild and push it with lambda-image (./mvnw deploy -Dlambda.arch="
              + arch
              + "), which checks the built image's architecture.");
    }
    if (!record.isArchitectureVerified()) {
      throw new LambdaImageCodeException(
          manifest
              + ": the image was requested as "
              + arch
              + " but the engine reported "
              + record.verifiedArchitecture()
              + "; Lambda would fail with exec format error. Rebuild the image.");
    }
    if (record.repository() == null || record.repository().isBlank()) {
      throw new LambdaImageCodeException(
          manifest + ": the " + arch + " image has no repository; rebuild and push it.");
    }
    if (record.digest() == null) {
      throw new LambdaImageCodeException(
          "The "
              + arch
              + " image "
              + record.taggedReference()
              + " in "
              + manifest
              + " has no digest: it was built but never pushed. Push it (./mvnw deploy"
              + " -Dlambda.arch="
              + arch
              + ") so the function can deploy it by digest.");
    }
    return arch;
  }
}
