package io.github.lambdaimage.docker;

import java.util.Map;
import java.util.TreeMap;

/**
 * One container to create. Every container is sandboxed alike, whatever the image says: read-only
 * root file system, all capabilities dropped, no new privileges (no set-uid escalation), and the
 * {@code user} and {@code pidsLimit} given here.
 *
 * @param image the image id or reference
 * @param name a unique container name
 * @param platform e.g. {@code linux/arm64}
 * @param environment the variables the process sees
 * @param labels container labels
 * @param networkMode e.g. {@code host}
 * @param memoryBytes the memory limit
 * @param tmpfs writable tmpfs mounts: path to mount options
 * @param user the {@code uid:gid} the process runs as, instead of the image's user
 * @param pidsLimit how many processes and threads the container may have at once
 */
public record ContainerSpec(
    String image,
    String name,
    String platform,
    Map<String, String> environment,
    Map<String, String> labels,
    String networkMode,
    long memoryBytes,
    Map<String, String> tmpfs,
    String user,
    long pidsLimit) {

  /** Capabilities every container drops: all of them. */
  public static final String CAPABILITIES_DROPPED = "ALL";

  /** The security option that forbids gaining privileges, e.g. through set-uid binaries. */
  public static final String NO_NEW_PRIVILEGES = "no-new-privileges";

  /** Copies the maps in key order. */
  public ContainerSpec {
    environment = new TreeMap<>(environment);
    labels = new TreeMap<>(labels);
    tmpfs = new TreeMap<>(tmpfs);
  }
}
