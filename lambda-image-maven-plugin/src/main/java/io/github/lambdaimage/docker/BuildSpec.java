package io.github.lambdaimage.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code POST /build}: a context directory built for one platform.
 *
 * @param contextDirectory the build context, {@code Dockerfile} at its root
 * @param archive where the context's tar is written while it is sent; deleted afterwards
 * @param platform e.g. {@code linux/arm64}
 * @param labels image labels
 * @param buildArgs {@code ARG} values
 * @param description what is built, for messages, e.g. {@code hello:1.0-arm64}
 * @param temporaryTag the {@code name:tag} the engine gives the built image, so nothing that
 *     removes untagged images can take it before it is verified and tagged for real
 */
public record BuildSpec(
    Path contextDirectory,
    Path archive,
    String platform,
    Map<String, String> labels,
    Map<String, String> buildArgs,
    String description,
    String temporaryTag) {

  /** Copies the maps in key order. */
  public BuildSpec {
    labels = new TreeMap<>(labels);
    buildArgs = new TreeMap<>(buildArgs);
  }
}
