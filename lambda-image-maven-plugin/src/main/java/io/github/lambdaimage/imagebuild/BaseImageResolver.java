package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.docker.RegistryAuth;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pins a base image to the digest of its manifest for one platform (not the index digest, which the
 * engine's image store may record against whichever platform it pulled last). The answer is cached
 * in {@code target/lambda-image/<arch>/base.json}, so a rebuild without changes does not ask the
 * registry; Maven's {@code -U} asks again, and offline mode ({@code -o}) uses only the cache.
 * Private base images work as pushes do: the registry client and the engine's pull use the same
 * credential sources.
 */
public final class BaseImageResolver {

  /** The cache file's name in the architecture's directory. */
  public static final String CACHE_FILE = "base.json";

  private final Supplier<RegistryClient> registry;
  private final RegistryCredentialProvider credentials;
  private final boolean offline;
  private final boolean update;
  private final BuildLog log;

  /**
   * @param registry creates the registry client when the cache cannot answer
   * @param credentials the credentials the engine presents when it pulls a base image; the same as
   *     {@code registry}'s
   * @param offline true under Maven's {@code -o}: never ask the registry
   * @param update true under Maven's {@code -U}: ignore the cache
   * @param log where resolutions are reported
   */
  public BaseImageResolver(
      Supplier<RegistryClient> registry,
      RegistryCredentialProvider credentials,
      boolean offline,
      boolean update,
      BuildLog log) {
    this.registry = registry;
    this.credentials = credentials;
    this.offline = offline;
    this.update = update;
    this.log = log;
  }

  /**
   * Pins {@code baseImage} for {@code architecture}.
   *
   * @param cacheDirectory the architecture's directory, where {@code base.json} lives
   * @throws InvalidConfigurationException when the reference is invalid, the image has no such
   *     platform, or offline mode has nothing cached
   */
  public PinnedBaseImage resolve(String baseImage, Architecture architecture, Path cacheDirectory) {
    ImageReference reference = ImageReference.parse(baseImage);
    Path cacheFile = cacheDirectory.resolve(CACHE_FILE);
    Optional<PinnedBaseImage> cached = update ? Optional.empty() : read(cacheFile);
    if (cached.isPresent()
        && baseImage.equals(cached.get().configured())
        && architecture.platform().equals(cached.get().platform())
        && cached.get().name() != null
        && cached.get().digest() != null) {
      return cached.get();
    }
    PinnedBaseImage pinned =
        offline && !RegistryClient.isLoopback(reference.registry())
            ? offline(baseImage, reference, architecture)
            : null;
    if (pinned == null) {
      String digest = registry.get().resolvePlatform(reference, architecture);
      pinned = PinnedBaseImage.of(baseImage, architecture.platform(), reference, digest);
      log.info(
          "Base image "
              + baseImage
              + " for "
              + architecture.platform()
              + " is "
              + pinned.fromReference());
    }
    ImageRecords.writeAtomically(cacheFile, JsonText.fileText(pinned.toJsonObject()));
    return pinned;
  }

  /** The credentials for pulling {@code base}, or {@code null} when none are found. */
  public RegistryAuth pullAuth(PinnedBaseImage base) {
    String host = ImageReference.parse(base.fromReference()).registry();
    return credentials
        .credentialsFor(host)
        .map(c -> new RegistryAuth(host, c.username(), c.password(), c.identityToken()))
        .orElse(null);
  }

  private PinnedBaseImage offline(
      String baseImage, ImageReference reference, Architecture architecture) {
    if (reference.digest().isPresent()) {
      log.warn(
          "Offline: using "
              + baseImage
              + " as given for "
              + architecture.platform()
              + " without checking that its digest is that platform's manifest; the built image's"
              + " architecture is still verified.");
      return PinnedBaseImage.of(
          baseImage, architecture.platform(), reference, reference.digest().get());
    }
    throw new InvalidConfigurationException(
        "Offline mode: the digest of base image "
            + baseImage
            + " for "
            + architecture.platform()
            + " is not cached yet, and the registry cannot be asked. Build once online, or pin"
            + " the base image by digest (lambda.baseImage=<image>@sha256:<digest of the "
            + architecture.platform()
            + " manifest>).");
  }

  private Optional<PinnedBaseImage> read(Path cacheFile) {
    if (!Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(PinnedBaseImage.fromJsonObject(JsonText.readFile(cacheFile)));
    } catch (IOException e) {
      log.warn("Ignoring unreadable " + cacheFile + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
