package io.github.lambdaimage.docker;

import java.util.Map;

/**
 * What the engine knows about one image: enough to decide whether it is up to date.
 *
 * @param id the image id, {@code sha256:…}
 * @param platform {@code os/architecture}, e.g. {@code linux/arm64}
 * @param labels the image's labels (empty when it has none)
 */
public record ImageState(String id, String platform, Map<String, String> labels) {

  /** Copies the labels. */
  public ImageState {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
