package io.github.lambdaimage.registry;

/**
 * Credentials for one registry, and where they came from. {@link #toString()} never shows a secret.
 *
 * @param username the user name; {@code null} with an identity token
 * @param password the password or access token; {@code null} with an identity token
 * @param identityToken an OAuth refresh token from {@code docker login}, else {@code null}
 * @param source where they were found, for the log and for error messages, e.g. {@code settings.xml
 *     server '127.0.0.1:5000'}
 */
public record RegistryCredentials(
    String username, String password, String identityToken, String source) {

  /** User name and password (or token used as password). */
  public static RegistryCredentials basic(String username, String password, String source) {
    return new RegistryCredentials(username, password, null, source);
  }

  /** An identity token, exchanged at the registry's token service for access tokens. */
  public static RegistryCredentials identityToken(String token, String source) {
    return new RegistryCredentials(null, null, token, source);
  }

  /** True when this holds an identity token rather than a user name and password. */
  public boolean hasIdentityToken() {
    return identityToken != null && !identityToken.isEmpty();
  }

  /** A description without secrets: the source and the user name. */
  @Override
  public String toString() {
    return hasIdentityToken()
        ? "identity token from " + source
        : "user '" + username + "' from " + source;
  }
}
