package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import java.util.List;
import java.util.stream.Collectors;

/** Finds and checks the single-platform manifest of an image for one architecture. */
final class PlatformManifests {

  private final RegistryClient client;

  PlatformManifests(RegistryClient client) {
    this.client = client;
  }

  String resolve(ImageReference reference, Architecture architecture) {
    Manifest manifest = client.getManifest(reference);
    if (manifest.isIndex()) {
      return selectEntry(manifest, architecture).digest();
    }
    requireImageManifest(manifest);
    Platform platform = configPlatform(manifest);
    if (!platform.matches(architecture)) {
      throw new InvalidConfigurationException(
          "Base image "
              + reference
              + " has no "
              + architecture.platform()
              + " image: it is a single-platform image for "
              + platform
              + ". Use a multi-platform base image, or one built for "
              + architecture.platform()
              + ".");
    }
    return manifest.digest();
  }

  Manifest verifySinglePlatform(Manifest manifest, Architecture architecture) {
    ImageReference reference = manifest.reference();
    if (!manifest.isImageManifest()) {
      throw new EnvironmentException(
          "Registry "
              + reference.registry()
              + " serves "
              + reference
              + " as "
              + manifest.mediaType()
              + ", not as a single-platform image manifest ("
              + MediaTypes.DOCKER_MANIFEST
              + " or "
              + MediaTypes.OCI_MANIFEST
              + "); Lambda rejects image indexes and manifest lists. Push a single-platform"
              + " image, e.g. built without provenance attestations.");
    }
    Platform platform = configPlatform(manifest);
    if (!platform.matches(architecture)) {
      throw new EnvironmentException(
          "Registry "
              + reference.registry()
              + " serves "
              + reference
              + " as an image for "
              + platform
              + ", not "
              + architecture.platform()
              + "; rebuild the image for "
              + architecture.platform()
              + " and push it again.");
    }
    return manifest;
  }

  private static Manifest.Entry selectEntry(Manifest index, Architecture architecture) {
    List<Manifest.Entry> entries = index.entries();
    return entries.stream()
        .filter(entry -> entry.platform().matches(architecture))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidConfigurationException(
                    "Base image "
                        + index.reference()
                        + " has no "
                        + architecture.platform()
                        + " image; it has "
                        + available(entries)
                        + ". Choose a base image that is published for "
                        + architecture.platform()
                        + "."));
  }

  private static String available(List<Manifest.Entry> entries) {
    String platforms =
        entries.stream()
            .map(Manifest.Entry::platform)
            .filter(platform -> !platform.isAttestation())
            .map(Platform::toString)
            .distinct()
            .collect(Collectors.joining(", "));
    return platforms.isEmpty() ? "no platform images" : platforms;
  }

  private static void requireImageManifest(Manifest manifest) {
    if (!manifest.isImageManifest()) {
      throw new EnvironmentException(
          "Registry "
              + manifest.reference().registry()
              + " serves "
              + manifest.reference()
              + " as unsupported media type "
              + manifest.mediaType()
              + "; expected one of "
              + MediaTypes.ACCEPTED
              + ".");
    }
  }

  private Platform configPlatform(Manifest manifest) {
    ImageReference reference = manifest.reference();
    byte[] config = client.getBlob(reference, manifest.configDigest());
    return Platform.of(Manifest.parse(reference, config));
  }
}
