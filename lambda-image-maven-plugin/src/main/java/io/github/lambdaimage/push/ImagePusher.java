package io.github.lambdaimage.push;

import io.github.lambdaimage.docker.ArchitectureEndpoints;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.ImageState;
import io.github.lambdaimage.docker.RegistryAuth;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.Manifest;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.RetryPolicy;
import java.util.Optional;

/**
 * Pushes one architecture's built image through the engine and records the registry's digest.
 *
 * <p>A digest in {@code image.json} must describe the image built last, so a digest left by an
 * earlier push is cleared before pushing and written again only after the registry has served the
 * pushed manifest back as a single-platform image of the right architecture that is the built image
 * ({@link ImageIdentity}). Any failure leaves {@code image.json} without a digest, never with a
 * stale one. A tag that already holds the built image (a re-run against an immutable-tag
 * repository) is not pushed again: its digest is recorded as it is.
 */
public final class ImagePusher {

  private final DockerEngine engine;
  private final RegistryClient registry;
  private final RegistryCredentialProvider credentials;
  private final RetryPolicy retry;
  private final BuildLog log;
  private final boolean interactive;

  /**
   * A pusher.
   *
   * @param engine the engine, which does the upload
   * @param registry reads the pushed manifest back
   * @param credentials credentials handed to the engine; the same as {@code registry}'s
   * @param retry how often a transient failure is retried
   * @param interactive whether progress may be detailed (false in Maven's batch mode)
   */
  public ImagePusher(
      DockerEngine engine,
      RegistryClient registry,
      RegistryCredentialProvider credentials,
      RetryPolicy retry,
      BuildLog log,
      boolean interactive) {
    this.engine = engine;
    this.registry = registry;
    this.credentials = credentials;
    this.retry = retry;
    this.log = log;
    this.interactive = interactive;
  }

  /**
   * Pushes {@code architecture}'s image recorded in {@code records} and writes its digest there.
   *
   * @return the updated record
   * @throws InvalidConfigurationException when there is no verified build to push or the registry
   *     refuses the credentials
   * @throws EnvironmentException when the push fails or the registry serves something else
   */
  public ImageRecord push(ImageRecords records, Architecture architecture) {
    ImageRecord record = readVerified(records, architecture);
    ImageReference reference = target(record);
    if (record.digest() != null) {
      records.write(record.withDigest(null));
      log.info(
          "Cleared the digest of an earlier push from "
              + records.imageFile(architecture)
              + " until this push is verified.");
    }
    requireLocalImage(record);
    Optional<RegistryCredentials> auth = credentials.credentialsFor(reference.registry());
    ImageIdentity identity = new ImageIdentity(engine.info().imageStore(), record.imageId());
    Optional<Manifest> served = registry.findManifest(reference).filter(identity::isServedAs);
    if (served.isPresent()) {
      Manifest manifest = served.get();
      ImageRecord pushed = record.withDigest(manifest.digest());
      records.write(pushed);
      log.info(
          "Registry "
              + reference.registry()
              + " already serves this image as "
              + reference
              + " ("
              + reference.name()
              + "@"
              + manifest.digest()
              + ", "
              + architecture.platform()
              + "); recorded its digest without pushing.");
      return pushed;
    }
    log.info(
        "Pushing "
            + reference
            + " ("
            + architecture.platform()
            + ") from the engine at "
            + engine.endpoint().host());
    PushProgress progress = retry.run("Push of " + reference, () -> pushOnce(reference, auth), log);
    Manifest manifest = readBack(registry.getManifest(reference), architecture, identity);
    identity.requireServed(reference, manifest, progress.digest());
    ImageRecord pushed = record.withDigest(manifest.digest());
    records.write(pushed);
    log.info(
        "Pushed "
            + reference.name()
            + "@"
            + manifest.digest()
            + " ("
            + manifest.mediaType()
            + ", "
            + architecture.platform()
            + "): "
            + progress.summary()
            + ".");
    return pushed;
  }

  /**
   * Checks the manifest the registry serves for the tag. When it is the built image, its platform
   * is the one the build verified and {@code image.json} records, so the image config is not
   * fetched; anything else must prove its platform from its config.
   */
  private Manifest readBack(Manifest manifest, Architecture architecture, ImageIdentity identity) {
    return identity.isServedAs(manifest)
        ? manifest
        : registry.verifySinglePlatform(manifest, architecture);
  }

  private static ImageRecord readVerified(ImageRecords records, Architecture architecture) {
    ImageRecord record;
    try {
      record = records.read(architecture);
    } catch (MissingImageRecordException e) {
      throw new InvalidConfigurationException(e.getMessage(), e);
    }
    if (!record.isArchitectureVerified()) {
      String found =
          record.verifiedArchitecture() == null
              ? "has no architecture check"
              : "records that the built image is " + record.verifiedArchitecture();
      throw new InvalidConfigurationException(
          "Refusing to push "
              + record.taggedReference()
              + ": "
              + records.imageFile(architecture)
              + " is for "
              + architecture
              + " but "
              + found
              + ". Rebuild it: ./mvnw package -Dlambda.arch="
              + architecture
              + ".");
    }
    return record;
  }

  private static ImageReference target(ImageRecord record) {
    ImageReference reference = ImageReference.parse(record.taggedReference());
    String repository = record.repository();
    boolean namesRegistry =
        !reference.registry().equals(ImageReference.DOCKER_HUB)
            || repository.startsWith("docker.io/")
            || repository.startsWith("index.docker.io/");
    if (!namesRegistry) {
      throw new InvalidConfigurationException(
          "Image repository '"
              + repository
              + "' names no registry, so it would go to Docker Hub. Set lambda.image.repository"
              + " to <registry>/<name>, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/"
              + repository
              + " (or docker.io/<user>/"
              + repository
              + " if Docker Hub is meant), and build again.");
    }
    return reference;
  }

  private void requireLocalImage(ImageRecord record) {
    String imageId =
        engine
            .inspect(record.taggedReference())
            .map(ImageState::id)
            .orElseThrow(
                () ->
                    new InvalidConfigurationException(
                        "The engine at "
                            + engine.endpoint().host()
                            + " has no image "
                            + record.taggedReference()
                            + builtElsewhere(record)
                            + (builtElsewhere(record).isEmpty()
                                ? "; build it first"
                                : ", or build it here")
                            + ": ./mvnw package -Dlambda.arch="
                            + record.architecture()
                            + "."));
    if (!imageId.equals(record.imageId())) {
      throw new InvalidConfigurationException(
          "The engine's "
              + record.taggedReference()
              + " is image "
              + imageId
              + ", not the built image "
              + record.imageId()
              + " that image.json records"
              + (builtElsewhere(record).isEmpty()
                  ? "; it was retagged since the build"
                  : builtElsewhere(record))
              + ". Build again before pushing.");
    }
  }

  /** Empty, or why the image is not here: image.json records another engine, which must push it. */
  private String builtElsewhere(ImageRecord record) {
    String here = engine.endpoint().recordedHost();
    if (record.engine() == null || record.engine().equals(here)) {
      return "";
    }
    return " (image.json records that the engine at "
        + record.engine()
        + " built it; push from that engine: set "
        + ArchitectureEndpoints.HOST_PREFIX
        + record.architecture()
        + "="
        + record.engine()
        + ", as when it was built)";
  }

  private PushProgress pushOnce(ImageReference reference, Optional<RegistryCredentials> auth) {
    PushProgress progress =
        new PushProgress(reference.toString(), log, interactive, System::nanoTime);
    try {
      engine.push(
          reference.name(), reference.tag().orElseThrow(), pushAuth(reference, auth), progress);
    } catch (RuntimeException e) {
      if (e instanceof EnvironmentException || e instanceof InvalidConfigurationException) {
        throw e;
      }
      throw PushFailures.classify(String.valueOf(e.getMessage()), reference, auth, credentials);
    }
    Optional<String> failure = progress.failure();
    if (failure.isPresent()) {
      throw PushFailures.classify(failure.get(), reference, auth, credentials);
    }
    return progress;
  }

  private static RegistryAuth pushAuth(
      ImageReference reference, Optional<RegistryCredentials> auth) {
    return auth.map(
            c ->
                new RegistryAuth(
                    reference.registry(),
                    c.hasIdentityToken() ? null : c.username(),
                    c.hasIdentityToken() ? null : c.password(),
                    c.hasIdentityToken() ? c.identityToken() : null))
        .orElseGet(() -> RegistryAuth.anonymous(reference.registry()));
  }
}
