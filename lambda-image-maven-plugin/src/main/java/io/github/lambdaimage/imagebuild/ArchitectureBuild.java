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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds one architecture's image on that architecture's engine: pin the base, render, assemble the
 * context, skip when an image of the same inputs exists, else pull the base for the platform, build
 * under a temporary tag, verify, and only then tag it (so a failed build leaves the previous tag
 * and {@code image.json} alone, and nothing that removes untagged images can take the new one
 * before it is tagged).
 */
final class ArchitectureBuild {

  /** Where images wait, under a temporary tag, between their build and their real tag. */
  static final String TEMPORARY_REPOSITORY = "lambda-image-build/";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ImageSettings settings;
  private final Architecture architecture;
  private final BaseImageResolver baseImages;
  private final Engines engines;
  private final BuildLog log;
  private DockerEngine engine;

  ArchitectureBuild(
      ImageSettings settings,
      Architecture architecture,
      BaseImageResolver baseImages,
      Engines engines,
      BuildLog log) {
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
    String temporaryTag = temporaryTag();
    // Ctrl-C ends the JVM without running this method's finally block: a hook removes the tag then.
    Thread untagOnExit =
        new Thread(() -> engine.removeQuietly(temporaryTag), "lambda-image-untag-" + temporaryTag);
    Runtime.getRuntime().addShutdownHook(untagOnExit);
    String imageId;
    String verified;
    try {
      imageId = buildImage(inputs, temporaryTag);
      verified =
          new ImageVerifier(engine)
              .verify(imageId, architecture, settings.handler(), inputs.base.fromReference());
      engine.tag(imageId, settings.repository(), settings.tag(architecture));
    } finally {
      // Only the temporary tag goes; an unverified image goes with it, as nothing else names it.
      engine.removeQuietly(temporaryTag);
      try {
        Runtime.getRuntime().removeShutdownHook(untagOnExit);
      } catch (IllegalStateException shutdownInProgress) {
        // the hook runs now
      }
    }
    log.info("Built " + inputs.image + " (" + imageId + "), verified " + architecture.platform());
    return result(imageId, inputs, verified, false, start);
  }

  /** What one build is made of, and its hash. */
  private record Inputs(
      PinnedBaseImage base,
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
    return new Inputs(base, context, labels, hash, settings.imageName(architecture));
  }

  /**
   * {@code lambda-image-build/<random>:<arch>}: unique to this build, outside any project's names.
   */
  private String temporaryTag() {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return TEMPORARY_REPOSITORY
        + HexFormat.of().formatHex(random)
        + ":"
        + architecture.dockerName();
  }

  private String buildImage(Inputs inputs, String temporaryTag) {
    return engine.build(
        new BuildSpec(
            inputs.context.directory(),
            settings.architectureDirectory(architecture).resolve("context.tar"),
            architecture.platform(),
            inputs.labels,
            settings.buildArgs(),
            inputs.image,
            temporaryTag),
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
