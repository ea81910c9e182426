package io.github.lambdaimage.docker;

import java.util.Map;
import java.util.TreeMap;

/**
 * One container to create.
 *
 * @param image the image id or reference
 * @param name a unique container name
 * @param platform e.g. {@code linux/arm64}
 * @param environment the variables the process sees
 * @param labels container labels
 * @param networkMode e.g. {@code host}
 * @param memoryBytes the memory limit
 * @param tmpfs writable tmpfs mounts: path to mount options
 */
public record ContainerSpec(
    String image,
    String name,
    String platform,
    Map<String, String> environment,
    Map<String, String> labels,
    String networkMode,
    long memoryBytes,
    Map<String, String> tmpfs) {

  /** Copies the maps in key order; the root file system is always read-only. */
  public ContainerSpec {
    environment = new TreeMap<>(environment);
    labels = new TreeMap<>(labels);
    tmpfs = new TreeMap<>(tmpfs);
  }
}
