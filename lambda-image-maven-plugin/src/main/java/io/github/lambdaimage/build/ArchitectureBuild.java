package io.github.lambdaimage.build;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.github.lambdaimage.context.BuildContext;
import io.github.lambdaimage.context.ContextArchive;
import io.github.lambdaimage.context.ContextAssembler;
import io.github.lambdaimage.context.InputHash;
import io.github.lambdaimage.docker.BuildSpec;
import io.github.lambdaimage.docker.DockerImages;
import io.github.lambdaimage.docker.ImageBuilder;
import io.github.lambdaimage.docker.ImageVerifier;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds one architecture's image: pin the base, render, assemble the context, skip when an image
 * of the same inputs exists, else pull the base for the platform, build untagged, verify, and only
 * then tag it (so a failed build leaves the previous tag and {@code image.json} alone).
 */
final class ArchitectureBuild {

  private final ImageSettings settings;
  private final Architecture architecture;
  private final BaseImageResolver baseImages;
  private final DockerImages images;
  private final ImageBuilder builder;
  private final BuildLog log;

  ArchitectureBuild(
      ImageSettings settings,
      Architecture architecture,
      BaseImageResolver baseImages,
      DockerImages images,
      ImageBuilder builder,
      BuildLog log) {
    this.settings = settings;
    this.architecture = architecture;
    this.baseImages = baseImages;
    this.images = images;
    this.builder = builder;
    this.log = log;
  }

  /** Runs the build; the result's record is not written yet. */
  ArchitectureResult run() {
    long start = System.nanoTime();
    Path directory = settings.architectureDirectory(architecture);
    PinnedBaseImage base = baseImages.resolve(settings.baseImage(), architecture, directory);
    String dockerfile = Dockerfiles.render(settings, architecture, base);
    BuildContext context =
        new ContextAssembler(directory.resolve("context")).assemble(dockerfile, settings.inputs());
    Map<String, String> labels = labels(base);
    String inputs =
        new InputHash()
            .context(context)
            .parameter("platform", architecture.platform())
            .parameter("baseImage", base.fromReference())
            .parameters("label.", labels)
            .parameters("buildArg.", settings.buildArgs())
            .digest();
    String image = settings.imageName(architecture);
    Optional<InspectImageResponse> existing = images.inspect(image);
    if (existing.isPresent() && isUpToDate(existing.get(), inputs)) {
      log.info("Image " + image + " is up to date (inputs " + shortHash(inputs) + ")");
      return result(existing.get().getId(), base, inputs, architecture.dockerName(), true, start);
    }
    log.info(
        "Building "
            + image
            + " for "
            + architecture.platform()
            + " from "
            + base.fromReference()
            + " ("
            + context.copied()
            + " context files updated)");
    images.pullIfAbsent(base.name(), base.digest(), architecture.platform(), log);
    labels.put(ImageLabels.INPUTS, inputs);
    String imageId = buildImage(directory, context, labels, image);
    String verified;
    try {
      verified =
          new ImageVerifier(images)
              .verify(imageId, architecture, settings.handler(), base.fromReference());
    } catch (RuntimeException e) {
      images.removeQuietly(imageId);
      throw e;
    }
    images.tag(imageId, settings.repository(), settings.tag(architecture));
    log.info("Built " + image + " (" + imageId + "), verified " + architecture.platform());
    return result(imageId, base, inputs, verified, false, start);
  }

  private String buildImage(
      Path directory, BuildContext context, Map<String, String> labels, String image) {
    Path archive = directory.resolve("context.tar");
    try {
      long size = ContextArchive.write(context.directory(), archive);
      log.info("Sending build context of " + size + " bytes to the engine");
      return builder.build(
          new BuildSpec(archive, architecture.platform(), labels, settings.buildArgs(), image),
          log);
    } finally {
      try {
        Files.deleteIfExists(archive);
      } catch (IOException e) {
        log.debug("Cannot delete " + archive + ": " + e.getMessage());
      }
    }
  }

  private boolean isUpToDate(InspectImageResponse image, String inputs) {
    Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
    return labels != null
        && inputs.equals(labels.get(ImageLabels.INPUTS))
        && architecture.platform().equals(DockerImages.platformOf(image));
  }

  private Map<String, String> labels(PinnedBaseImage base) {
    Map<String, String> labels = new TreeMap<>(settings.labels());
    labels.put(ImageLabels.BASE_NAME, base.recordedReference());
    labels.put(ImageLabels.BASE_DIGEST, base.digest());
    labels.put(ImageLabels.HANDLER, settings.handler());
    labels.put(ImageLabels.ARCHITECTURE, architecture.dockerName());
    return labels;
  }

  private ArchitectureResult result(
      String imageId,
      PinnedBaseImage base,
      String inputs,
      String verifiedArchitecture,
      boolean upToDate,
      long start) {
    ImageRecord record =
        ImageRecord.built(
            architecture,
            settings.repository(),
            settings.tag(architecture),
            imageId,
            base.recordedReference(),
            settings.handler(),
            inputs,
            verifiedArchitecture);
    return new ArchitectureResult(record, upToDate, (System.nanoTime() - start) / 1_000_000);
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(hash.length(), "sha256:".length() + 12));
  }
}
