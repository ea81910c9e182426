package io.github.lambdaimage.docker;

import java.util.regex.Pattern;

/**
 * Where the Docker Engine is expected, and why there.
 *
 * @param host the engine address, e.g. {@code unix:///var/run/docker.sock} or {@code
 *     tcp://127.0.0.1:2376}
 * @param source how the address was chosen, for messages: {@code DOCKER_HOST}, {@code Docker
 *     context 'colima' (from DOCKER_CONTEXT)}, {@code the default socket}, or the per-architecture
 *     setting, e.g. {@code lambda.dockerHost.arm64}
 * @param tlsCertPath directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem} when TLS is
 *     verified, else {@code null}
 */
public record EngineEndpoint(String host, String source, String tlsCertPath) {

  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");

  /** True when the client must verify the engine's TLS certificate. */
  public boolean tlsVerify() {
    return tlsCertPath != null;
  }

  /**
   * The address without credentials ({@code ssh://user@host} becomes {@code ssh://host}), as {@code
   * image.json} records it.
   */
  public String recordedHost() {
    return USER_INFO.matcher(host).replaceFirst("$1");
  }

  /**
   * The setting that points at another engine: the per-architecture one that chose this endpoint,
   * else {@code DOCKER_HOST}.
   */
  public String setting() {
    return source.startsWith(ArchitectureEndpoints.HOST_PREFIX)
            || source.startsWith(ArchitectureEndpoints.HOSTS_ELEMENT)
        ? source
        : "DOCKER_HOST";
  }
}
