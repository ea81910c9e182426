package io.github.lambdaimage.docker;

import java.util.List;
import java.util.Map;

/**
 * What the engine knows about one image: enough to decide whether it is up to date and to verify
 * what was built.
 *
 * @param id the image id, {@code sha256:…}
 * @param platform {@code os/architecture}, e.g. {@code linux/arm64}
 * @param labels the image's labels (empty when it has none)
 * @param startup its {@code ENTRYPOINT} followed by its {@code CMD} (empty when it has neither)
 */
public record ImageState(
    String id, String platform, Map<String, String> labels, List<String> startup) {

  /** Copies the labels and the start-up command. */
  public ImageState {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    startup = startup == null ? List.of() : List.copyOf(startup);
  }

  /** The architecture part of the platform, e.g. {@code arm64}. */
  public String architecture() {
    return platform.substring(platform.indexOf('/') + 1);
  }
}
