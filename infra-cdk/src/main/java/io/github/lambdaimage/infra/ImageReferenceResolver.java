package io.github.lambdaimage.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the image the function deploys, from CDK context: either explicit values ({@value
 * ContextKeys#IMAGE_REPOSITORY}, {@value ContextKeys#IMAGE_DIGEST}, {@value ContextKeys#ARCH}) or
 * an {@code images.json}/{@code image.json} written by lambda-image ({@value
 * ContextKeys#IMAGE_MANIFEST}, by default {@value ContextKeys#DEFAULT_MANIFEST}).
 */
public final class ImageReferenceResolver {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContextValues context;
  private final Path workingDirectory;

  /**
   * @param context the app's context
   * @param workingDirectory the directory relative manifest paths resolve against
   */
  public ImageReferenceResolver(ContextValues context, Path workingDirectory) {
    this.context = context;
    this.workingDirectory = workingDirectory;
  }

  /**
   * The image to deploy.
   *
   * @throws InfraConfigurationException when there is none, it was never pushed (no digest), or its
   *     architecture is not the requested one
   */
  public ImageReference resolve() {
    Optional<Architecture> requested =
        context
            .string(ContextKeys.ARCH)
            .map(value -> parseArch(value, "Context " + ContextKeys.ARCH));
    Optional<String> repository = context.string(ContextKeys.IMAGE_REPOSITORY);
    Optional<String> digest = context.string(ContextKeys.IMAGE_DIGEST);
    if (repository.isPresent() || digest.isPresent()) {
      return explicit(repository, digest, requested);
    }
    return fromManifest(requested);
  }

  private ImageReference explicit(
      Optional<String> repository, Optional<String> digest, Optional<Architecture> arch) {
    if (repository.isEmpty() || digest.isEmpty() || arch.isEmpty()) {
      throw new InfraConfigurationException(
          "An explicit image needs all of "
              + ContextKeys.IMAGE_REPOSITORY
              + ", "
              + ContextKeys.IMAGE_DIGEST
              + " and "
              + ContextKeys.ARCH
              + "; missing: "
              + missingNames(repository, digest, arch)
              + ". Give them all, or none to read "
              + ContextKeys.IMAGE_MANIFEST
              + ".");
    }
    checkDigest(digest.get(), "context " + ContextKeys.IMAGE_DIGEST);
    return new ImageReference(repository.get(), digest.get(), arch.get(), "context");
  }

  private static String missingNames(
      Optional<String> repository, Optional<String> digest, Optional<Architecture> arch) {
    StringBuilder missing = new StringBuilder();
    if (repository.isEmpty()) {
      missing.append(ContextKeys.IMAGE_REPOSITORY);
    }
    if (digest.isEmpty()) {
      missing.append(missing.length() > 0 ? ", " : "").append(ContextKeys.IMAGE_DIGEST);
    }
    if (arch.isEmpty()) {
      missing.append(missing.length() > 0 ? ", " : "").append(ContextKeys.ARCH);
    }
    return missing.toString();
  }

  private ImageReference fromManifest(Optional<Architecture> requested) {
    String configured = context.string(ContextKeys.IMAGE_MANIFEST).orElse(null);
    Path manifest =
        workingDirectory
            .resolve(configured == null ? ContextKeys.DEFAULT_MANIFEST : configured)
            .normalize();
    ImageRecord record = select(readRecords(manifest, configured == null), requested, manifest);
    checkRecord(record, manifest);
    return new ImageReference(
        record.repository(), record.digest(), record.arch(), manifest.toString());
  }

  private static List<ImageRecord> readRecords(Path manifest, boolean isDefault) {
    List<ImageRecord> records;
    try {
      boolean index = JSON.readTree(manifest.toFile()).has("images");
      records =
          index ? ImageRecords.readIndexFile(manifest) : List.of(ImageRecords.readFile(manifest));
    } catch (FileNotFoundException | MissingImageRecordException e) {
      throw new InfraConfigurationException(
          "No image manifest at "
              + manifest
              + (isDefault ? " (the default of " + ContextKeys.IMAGE_MANIFEST + ")" : "")
              + ". Build and push the image first (./mvnw deploy -Dlambda.arch=<arch>), point "
              + ContextKeys.IMAGE_MANIFEST
              + " at an images.json, or give "
              + ContextKeys.IMAGE_REPOSITORY
              + ", "
              + ContextKeys.IMAGE_DIGEST
              + " and "
              + ContextKeys.ARCH
              + ".",
          e);
    } catch (IOException | UncheckedIOException e) {
      throw new InfraConfigurationException(
          "Cannot read the image manifest " + manifest + ": " + e.getMessage(), e);
    }
    if (records.stream().anyMatch(record -> record.architecture() == null)) {
      throw new InfraConfigurationException(
          manifest
              + " is not an image.json or images.json written by lambda-image: an image has no"
              + " architecture.");
    }
    return records;
  }

  private ImageRecord select(
      List<ImageRecord> records, Optional<Architecture> requested, Path manifest) {
    if (records.isEmpty()) {
      throw new InfraConfigurationException(
          manifest + " lists no images; build and push one first (./mvnw deploy).");
    }
    String available =
        records.stream().map(ImageRecord::architecture).collect(Collectors.joining(", "));
    if (requested.isEmpty()) {
      if (records.size() > 1) {
        throw new InfraConfigurationException(
            manifest
                + " lists images for "
                + available
                + "; choose the function's architecture with -D"
                + ContextKeys.ARCH
                + "=<arch> (or -c "
                + ContextKeys.ARCH
                + "=<arch>).");
      }
      return records.get(0);
    }
    Architecture wanted = requested.get();
    return records.stream()
        .filter(record -> wanted.dockerName().equals(record.architecture()))
        .findFirst()
        .orElseThrow(
            () ->
                new InfraConfigurationException(
                    "The function is declared "
                        + wanted
                        + " ("
                        + ContextKeys.ARCH
                        + "), but "
                        + manifest
                        + " has images for "
                        + available
                        + " only. Build and push an "
                        + wanted
                        + " image (./mvnw deploy -Dlambda.arch="
                        + wanted
                        + ") or declare "
                        + ContextKeys.ARCH
                        + "="
                        + records.get(0).architecture()
                        + "."));
  }

  private void checkRecord(ImageRecord record, Path manifest) {
    Architecture arch = parseArch(record.architecture(), manifest.toString());
    if (record.lambdaArchitecture() != null
        && !arch.lambdaName().equals(record.lambdaArchitecture())) {
      throw new InfraConfigurationException(
          manifest
              + ": architecture "
              + arch
              + " disagrees with lambdaArchitecture "
              + record.lambdaArchitecture()
              + "; the file is inconsistent, rebuild the image.");
    }
    if (record.verifiedArchitecture() != null && !record.isArchitectureVerified()) {
      throw new InfraConfigurationException(
          manifest
              + ": the image was requested as "
              + arch
              + " but the engine reported "
              + record.verifiedArchitecture()
              + "; Lambda would fail with exec format error. Rebuild the image.");
    }
    if (record.repository() == null || record.repository().isBlank()) {
      throw new InfraConfigurationException(
          manifest + ": the " + arch + " image has no repository; rebuild and push it.");
    }
    if (record.digest() == null) {
      throw new InfraConfigurationException(
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
    checkDigest(record.digest(), manifest.toString());
  }

  private static void checkDigest(String digest, String source) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new InfraConfigurationException(
          "Image digest '"
              + digest
              + "' from "
              + source
              + " is not a manifest digest (sha256: followed by 64 lower-case hex digits).");
    }
  }

  private static Architecture parseArch(String value, String source) {
    try {
      return Architecture.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InfraConfigurationException(source + ": " + e.getMessage(), e);
    }
  }
}
