package io.github.lambdaimage.docker;

/**
 * The registry credentials the engine pushes with.
 *
 * @param serverAddress the registry host, e.g. {@code 127.0.0.1:5000}
 * @param username user name, or {@code null}
 * @param password password, or {@code null}
 * @param identityToken an identity (refresh) token instead of user and password, or {@code null}
 */
public record RegistryAuth(
    String serverAddress, String username, String password, String identityToken) {

  /** No credentials for {@code serverAddress}. */
  public static RegistryAuth anonymous(String serverAddress) {
    return new RegistryAuth(serverAddress, null, null, null);
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "RegistryAuth[" + serverAddress + (username != null ? ", user " + username : "") + "]";
  }
}
