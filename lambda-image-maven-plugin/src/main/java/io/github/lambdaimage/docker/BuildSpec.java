package io.github.lambdaimage.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code POST /build}: a context archive built for one platform.
 *
 * @param contextArchive the tar of the build context, Dockerfile at its root
 * @param platform e.g. {@code linux/arm64}
 * @param labels image labels
 * @param buildArgs {@code ARG} values
 * @param description what is built, for messages, e.g. {@code hello:1.0-arm64}
 */
public record BuildSpec(
    Path contextArchive,
    String platform,
    Map<String, String> labels,
    Map<String, String> buildArgs,
    String description) {

  /** Copies the maps in key order. */
  public BuildSpec {
    labels = new TreeMap<>(labels);
    buildArgs = new TreeMap<>(buildArgs);
  }
}
