package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.context.BuildContext;
import io.github.lambdaimage.context.ContextAssembler;
import io.github.lambdaimage.context.InputHash;
import io.github.lambdaimage.docker.BuildSpec;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineInfo;
import io.github.lambdaimage.docker.Engines;
import io.github.lambdaimage.docker.ImageState;
import io.github.lambdaimage.docker.ImageVerifier;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.render.DockerfileSplit;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds one architecture's image on that architecture's engine: pin the base, render, assemble the
 * context, skip when an image of the same inputs exists, else pull the base for the platform, build
 * under a temporary tag, verify, and only then tag it (so a failed build leaves the previous tag
 * and {@code image.json} alone, and nothing that removes untagged images can take the new one
 * before it is tagged).
 */
final class ArchitectureBuild {

  /** The application image's Dockerfile when the dependencies have an image of their own. */
  static final String APPLICATION_DOCKERFILE = "Dockerfile.application";

  private final ImageSettings settings;
  private final Architecture architecture;
  private final BaseImageResolver baseImages;
  private final Engines engines;
  private final BuildLog log;
  private final boolean splitDependencies;
  private DockerEngine engine;

  /**
   * @param splitDependencies build the dependencies in an image of their own where the Dockerfile
   *     allows ({@link DockerfileSplit})
   */
  ArchitectureBuild(
      ImageSettings settings,
      Architecture architecture,
      BaseImageResolver baseImages,
      Engines engines,
      BuildLog log,
      boolean splitDependencies) {
    this.splitDependencies = splitDependencies;
    this.settings = settings;
    this.architecture = architecture;
    this.baseImages = baseImages;
    this.engines = engines;
    this.log = log;
  }

  /**
   * Runs the build; the result's record is not written yet.
   *
   * @throws io.github.lambdaimage.docker.EngineUnreachableException naming the architecture's
   *     engine when it does not answer
   */
  ArchitectureResult run() {
    long start = System.nanoTime();
    engine = engines.of(architecture);
    EngineEndpoint endpoint = engine.endpoint();
    EngineInfo info = engine.info();
    log.info(
        "Engine "
            + endpoint.host()
            + " (chosen by "
            + endpoint.source()
            + "): "
            + info.describe()
            + "; "
            + architecture
            + " runs "
            + info.runs(architecture));
    Inputs inputs = prepare();
    log.debug(() -> "Inputs of " + inputs.image + " prepared in " + millisSince(start) + " ms");
    Optional<ImageState> existing = engine.inspect(inputs.image);
    log.debug(() -> "Engine answered after " + millisSince(start) + " ms");
    if (existing.isPresent() && isUpToDate(existing.get(), inputs.hash)) {
      log.info("Image " + inputs.image + " is up to date (inputs " + shortHash(inputs.hash) + ")");
      return result(existing.get().id(), inputs, architecture.dockerName(), true, start);
    }
    log.info(
        "Building "
            + inputs.image
            + " for "
            + architecture.platform()
            + " from "
            + inputs.base.fromReference()
            + " ("
            + inputs.context.copied()
            + " context files updated)");
    engine.pullIfAbsent(
        inputs.base.name(),
        inputs.base.digest(),
        architecture.platform(),
        () -> baseImages.pullAuth(inputs.base),
        log);
    String imageId;
    String verified;
    // Only the temporary tag goes at the end; an unverified image goes with it.
    try (TemporaryTag temporary = new TemporaryTag(engine, architecture)) {
      imageId = temporary.build(() -> buildImage(inputs, temporary.name()));
      verified =
          new ImageVerifier(engine)
              .verify(imageId, architecture, settings.handler(), inputs.base.fromReference());
      engine.tag(imageId, settings.repository(), settings.tag(architecture));
    }
    log.info("Built " + inputs.image + " (" + imageId + "), verified " + architecture.platform());
    return result(imageId, inputs, verified, false, start);
  }

  /** What one build is made of, and its hash. */
  private record Inputs(
      PinnedBaseImage base,
      String dockerfile,
      BuildContext context,
      Map<String, String> labels,
      String hash,
      String image) {}

  private Inputs prepare() {
    Path directory = settings.architectureDirectory(architecture);
    PinnedBaseImage base = baseImages.resolve(settings.baseImage(), architecture, directory);
    String dockerfile = Dockerfiles.render(settings, architecture, base);
    BuildContext context =
        new ContextAssembler(directory.resolve("context")).assemble(dockerfile, settings.inputs());
    Map<String, String> labels = labels(base);
    String hash =
        new InputHash()
            .context(context)
            .parameter("platform", architecture.platform())
            .parameter("baseImage", base.fromReference())
            .parameters("label.", labels)
            .parameters("buildArg.", settings.buildArgs())
            .digest();
    labels.put(ImageLabels.INPUTS, hash);
    return new Inputs(base, dockerfile, context, labels, hash, settings.imageName(architecture));
  }

  /**
   * Builds the image under {@code temporaryTag}: on top of its dependencies image from a context of
   * only {@code app/} when the Dockerfile splits, else from the whole context.
   */
  private String buildImage(Inputs inputs, String temporaryTag) {
    Path directory = settings.architectureDirectory(architecture);
    Optional<DockerfileSplit> split =
        splitDependencies ? DockerfileSplit.of(inputs.dockerfile) : Optional.empty();
    Path dockerfile = null;
    Set<String> include = null;
    if (split.isPresent()) {
      String dependencies =
          new DependenciesImage(engine, architecture, directory, log)
              .ensure(
                  split.get(),
                  inputs.context,
                  settings.repository(),
                  inputs.base.fromReference(),
                  settings.buildArgs());
      dockerfile = directory.resolve(APPLICATION_DOCKERFILE);
      DependenciesImage.writeIfChanged(
          dockerfile, split.get().applicationDockerfile(architecture.platform(), dependencies));
      include = Set.of(BuildContext.APP);
    }
    return engine.build(
        new BuildSpec(
            inputs.context.directory(),
            directory.resolve("context.tar"),
            architecture.platform(),
            inputs.labels,
            settings.buildArgs(),
            inputs.image,
            temporaryTag,
            dockerfile,
            include,
            "build"),
        log);
  }

  private boolean isUpToDate(ImageState image, String hash) {
    return hash.equals(image.labels().get(ImageLabels.INPUTS))
        && architecture.platform().equals(image.platform());
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
      String imageId, Inputs inputs, String verifiedArchitecture, boolean upToDate, long start) {
    ImageRecord record =
        ImageRecord.built(
                architecture,
                settings.repository(),
                settings.tag(architecture),
                imageId,
                inputs.base.recordedReference(),
                settings.handler(),
                inputs.hash,
                verifiedArchitecture)
            .withEngine(engine.endpoint().recordedHost());
    return new ArchitectureResult(record, upToDate, millisSince(start));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(hash.length(), "sha256:".length() + 12));
  }
}
