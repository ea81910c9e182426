package io.github.lambdaimage.docker;

/**
 * Where the Docker Engine is expected, and why there.
 *
 * @param host the engine address, e.g. {@code unix:///var/run/docker.sock} or {@code
 *     tcp://127.0.0.1:2376}
 * @param source how the address was chosen, for messages: {@code DOCKER_HOST}, {@code Docker
 *     context 'colima' (from DOCKER_CONTEXT)}, or {@code the default socket}
 * @param tlsCertPath directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem} when TLS is
 *     verified, else {@code null}
 */
public record EngineEndpoint(String host, String source, String tlsCertPath) {

  /** True when the client must verify the engine's TLS certificate. */
  public boolean tlsVerify() {
    return tlsCertPath != null;
  }
}
