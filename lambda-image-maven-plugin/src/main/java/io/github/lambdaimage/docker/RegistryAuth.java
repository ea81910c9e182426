package io.github.lambdaimage.docker;

import io.github.lambdaimage.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials the engine presents to a registry when it pulls: the Engine API's {@code
 * X-Registry-Auth}. {@link #toString()} never shows a secret.
 *
 * @param serverAddress the registry host, e.g. {@code 127.0.0.1:5000}
 * @param username the user name, or {@code null} with an identity token
 * @param password the password, or {@code null} with an identity token
 * @param identityToken an OAuth refresh token, or {@code null}
 */
public record RegistryAuth(
    String serverAddress, String username, String password, String identityToken) {

  /** The {@code X-Registry-Auth} header value: the credentials as JSON, base64url-encoded. */
  public String header() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (identityToken != null) {
      json.put("identitytoken", identityToken);
    } else {
      json.put("username", username);
      json.put("password", password);
    }
    json.put("serveraddress", serverAddress);
    return Base64.getUrlEncoder()
        .encodeToString(JsonText.writeCompact(json).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "credentials for " + serverAddress;
  }
}
