package io.github.lambdaimage.push;

import io.github.lambdaimage.docker.EngineInfo.ImageStore;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.Manifest;
import java.util.Optional;

/**
 * What the engine calls the built image, and which manifest a registry serves for it. On the
 * classic store (and Podman's) the engine's image id is the digest of the image's config, so the
 * pushed manifest must name that config; on Docker's containerd image store the id is the digest of
 * the manifest itself, which the registry serves byte for byte.
 *
 * @param store how the engine stores images
 * @param imageId the engine's id of the built image, as {@code image.json} records it
 */
record ImageIdentity(ImageStore store, String imageId) {

  /** True when {@code manifest} is this image, as a single-platform image manifest. */
  boolean isServedAs(Manifest manifest) {
    if (!manifest.isImageManifest()) {
      return false;
    }
    return store == ImageStore.CONTAINERD
        ? manifest.digest().equals(imageId)
        : manifest.configDigest().equals(imageId);
  }

  /** What is compared, for messages. */
  private String compared() {
    return store == ImageStore.CONTAINERD
        ? "the manifest digest, as the engine's containerd image store names images"
        : "the config digest, as the engine's image store names images";
  }

  /**
   * Fails unless the registry serves this image after a push.
   *
   * @param engineDigest the manifest digest the engine reported for the push, if it did
   * @throws EnvironmentException naming both images; the tag was pushed to from elsewhere
   */
  void requireServed(ImageReference reference, Manifest manifest, Optional<String> engineDigest) {
    if (!isServedAs(manifest)) {
      throw new EnvironmentException(
          "Registry "
              + reference.registry()
              + " serves "
              + reference
              + " as manifest "
              + manifest.digest()
              + " with config "
              + manifest.configDigest()
              + ", not the pushed image "
              + imageId
              + " (compared by "
              + compared()
              + "). Something else pushed this tag after this push; find what else pushes to "
              + reference
              + ".");
    }
    engineDigest
        .filter(digest -> !digest.equals(manifest.digest()))
        .ifPresent(
            digest -> {
              throw new EnvironmentException(
                  "The engine pushed "
                      + reference
                      + " as "
                      + digest
                      + " but registry "
                      + reference.registry()
                      + " serves "
                      + manifest.digest()
                      + ". Something else pushed this tag after this push; find what else pushes"
                      + " to "
                      + reference
                      + ".");
            });
  }
}
