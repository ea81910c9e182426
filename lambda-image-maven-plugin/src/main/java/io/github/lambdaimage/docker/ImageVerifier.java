package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;

/**
 * Proves what was built: the engine's report of the image's OS and architecture must equal the
 * request ({@code --platform} is only a hint to {@code FROM}), and its entrypoint or command must
 * name the handler.
 */
public final class ImageVerifier {

  private final DockerEngine images;

  /** A verifier using {@code images} to inspect. */
  public ImageVerifier(DockerEngine images) {
    this.images = images;
  }

  /**
   * Verifies image {@code imageId}.
   *
   * @param baseImage the base image it was built from, named in the message on a mismatch
   * @return the verified architecture, e.g. {@code arm64}
   * @throws EnvironmentException when the architecture differs, naming both and the base's
   * @throws InvalidConfigurationException when neither entrypoint nor command names the handler
   */
  public String verify(String imageId, Architecture requested, String handler, String baseImage) {
    ImageState image =
        images
            .inspect(imageId)
            .orElseThrow(
                () -> new EnvironmentException("The built image " + imageId + " has disappeared"));
    if (!image.platform().equals(requested.platform())) {
      String base = images.inspect(baseImage).map(ImageState::platform).orElse("unknown");
      throw new EnvironmentException(
          "The image built for "
              + requested.platform()
              + " reports "
              + image.platform()
              + " (base image "
              + baseImage
              + " reports "
              + base
              + "). The engine did not honour the platform; make sure the base image is pinned to"
              + " the "
              + requested.platform()
              + " manifest digest and that the engine can run "
              + requested.platform()
              + " images (QEMU/binfmt_misc or Docker Desktop).");
    }
    if (image.startup().stream().noneMatch(handler::equals)) {
      throw new InvalidConfigurationException(
          "The image built for "
              + requested.platform()
              + " does not start handler "
              + handler
              + ": its ENTRYPOINT + CMD are "
              + image.startup()
              + ". End the Dockerfile template with CMD [\"@lambda.handler@\"].");
    }
    return image.architecture();
  }
}
