package io.github.lambdaimage.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
 * @param dockerfile the file sent as the context's {@code Dockerfile}; {@code null} for the one in
 *     {@code contextDirectory}
 * @param include the top-level entries of {@code contextDirectory} sent, or {@code null} for all
 * @param contextName what the context is, for the log line {@code Sending <name> context of N
 *     bytes}: {@code build} for an image's own build, {@code dependencies} for its dependencies
 *     image
 */
public record BuildSpec(
    Path contextDirectory,
    Path archive,
    String platform,
    Map<String, String> labels,
    Map<String, String> buildArgs,
    String description,
    String temporaryTag,
    Path dockerfile,
    Set<String> include,
    String contextName) {

  /** Copies the maps in key order. */
  public BuildSpec {
    labels = new TreeMap<>(labels);
    buildArgs = new TreeMap<>(buildArgs);
    include = include == null ? null : Set.copyOf(include);
    dockerfile = dockerfile == null ? contextDirectory.resolve("Dockerfile") : dockerfile;
  }
}
