package io.github.lambdaimage.docker;

/**
 * What the connected engine reports about itself.
 *
 * @param os the engine's operating system type, e.g. {@code linux}
 * @param architecture the engine's native architecture in Docker's spelling, e.g. {@code amd64}
 * @param serverVersion the engine version, e.g. {@code 20.10.24}
 * @param apiVersion the highest Engine API version it speaks, e.g. {@code 1.41}
 * @param operatingSystem the host description, e.g. {@code Debian GNU/Linux 12 (bookworm)} or
 *     {@code Docker Desktop}
 */
public record EngineInfo(
    String os,
    String architecture,
    String serverVersion,
    String apiVersion,
    String operatingSystem) {

  /** True when the engine runs inside Docker Desktop (which brings its own CPU emulation). */
  public boolean dockerDesktop() {
    return operatingSystem != null && operatingSystem.contains("Docker Desktop");
  }

  /** One line for the log, e.g. {@code Docker Engine 20.10.24 (API 1.41), linux/amd64, Debian…}. */
  public String describe() {
    return "Docker Engine "
        + serverVersion
        + " (API "
        + apiVersion
        + "), "
        + os
        + "/"
        + architecture
        + ", "
        + operatingSystem;
  }
}
