package io.github.lambdaimage.docker;

import io.github.lambdaimage.model.Architecture;
import java.util.List;

/**
 * What the connected engine reports about itself.
 *
 * @param os the engine's operating system type, e.g. {@code linux}
 * @param architecture the engine's native architecture in Docker's spelling, e.g. {@code amd64}
 * @param serverVersion the engine version, e.g. {@code 20.10.24}
 * @param apiVersion the highest Engine API version it speaks, e.g. {@code 1.41}
 * @param operatingSystem the host description, e.g. {@code Debian GNU/Linux 12 (bookworm)} or
 *     {@code Docker Desktop}
 * @param kind Docker or Podman
 * @param imageStore how the engine stores images, which decides what its image ids are
 * @param kernelVersion the kernel release of the engine's host, e.g. {@code 6.1.0-18-amd64}
 * @param name the engine host's name, e.g. {@code colima} for colima's virtual machine
 * @param labels the engine's labels, {@code key=value} each
 */
public record EngineInfo(
    String os,
    String architecture,
    String serverVersion,
    String apiVersion,
    String operatingSystem,
    Kind kind,
    ImageStore imageStore,
    String kernelVersion,
    String name,
    List<String> labels) {

  /** Copies the labels; absent values become empty. */
  public EngineInfo {
    kernelVersion = kernelVersion == null ? "" : kernelVersion;
    name = name == null ? "" : name;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** The product serving the Engine API. */
  public enum Kind {
    DOCKER("Docker Engine"),
    PODMAN("Podman");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    /** Podman when {@code componentNames} (from {@code /version}) name it, else Docker. */
    public static Kind of(Iterable<String> componentNames) {
      for (String name : componentNames) {
        if (name != null && name.startsWith("Podman")) {
          return PODMAN;
        }
      }
      return DOCKER;
    }
  }

  /**
   * How images are stored. On the classic store (and Podman's) an image id is the digest of its
   * config; on Docker's containerd image store it is the digest of its manifest, which is what the
   * registry serves after a push.
   */
  public enum ImageStore {
    CLASSIC,
    CONTAINERD;

    /** The store for {@code /info}'s {@code driver-type} status, e.g. {@code io.containerd…}. */
    public static ImageStore of(String driverType) {
      return driverType != null && driverType.startsWith("io.containerd.snapshotter")
          ? CONTAINERD
          : CLASSIC;
    }
  }

  /**
   * The engine as {@code /version} and {@code /info} describe it, whichever client read them.
   *
   * @param components the names of {@code /version}'s {@code Components}
   * @param driverStatus {@code /info}'s {@code DriverStatus} pairs
   * @param host {@code /info}'s {@code KernelVersion}, {@code Name} and {@code Labels}
   */
  public static EngineInfo of(
      String os,
      String architecture,
      String serverVersion,
      String apiVersion,
      String operatingSystem,
      List<String> components,
      List<List<String>> driverStatus,
      Host host) {
    String driverType = null;
    for (List<String> status : driverStatus) {
      if (status.size() == 2 && "driver-type".equals(status.get(0))) {
        driverType = status.get(1);
      }
    }
    return new EngineInfo(
        os,
        architecture,
        serverVersion,
        apiVersion,
        operatingSystem,
        Kind.of(components),
        ImageStore.of(driverType),
        host.kernelVersion(),
        host.name(),
        host.labels());
  }

  /**
   * What {@code /info} says about the machine the engine runs on.
   *
   * @param kernelVersion its {@code KernelVersion}
   * @param name its {@code Name}, the host name
   * @param labels its {@code Labels}
   */
  public record Host(String kernelVersion, String name, List<String> labels) {}

  /**
   * How images of {@code image} run on this engine: {@code native}, or {@code emulated on this
   * amd64 engine} (QEMU, Rosetta) when the engine's architecture differs.
   */
  public String runs(Architecture image) {
    return image.dockerName().equals(architecture)
        ? "native"
        : "emulated on this " + architecture + " engine";
  }

  /**
   * True when the engine runs inside Docker Desktop (which brings its own CPU emulation): its
   * operating system says so, or it carries Docker Desktop's {@code com.docker.desktop.address}
   * label.
   */
  public boolean dockerDesktop() {
    return (operatingSystem != null && operatingSystem.contains("Docker Desktop"))
        || labels.stream().anyMatch(label -> label.startsWith("com.docker.desktop.address="));
  }

  /**
   * One line for the log, e.g. {@code Docker Engine 26.1.5 (API 1.45), linux/amd64, Debian…,
   * containerd image store}.
   */
  public String describe() {
    return kind.title
        + " "
        + serverVersion
        + " (API "
        + apiVersion
        + "), "
        + os
        + "/"
        + architecture
        + ", "
        + operatingSystem
        + (imageStore == ImageStore.CONTAINERD ? ", containerd image store" : "");
  }
}
