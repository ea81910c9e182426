package io.github.lambdaimage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry challenges: {@code Basic} with the credentials, {@code Bearer} by fetching a
 * token from the challenge's realm (anonymously, with the credentials, or with an identity token).
 * Remembers the {@code Authorization} header per repository so later requests skip the challenge.
 */
final class RegistryAuthenticator {

  private static final String CLIENT_ID = "lambda-image";

  private final HttpClient http;
  private final RegistryCredentialProvider provider;
  private final Duration timeout;
  private final Map<String, Optional<RegistryCredentials>> credentials = new ConcurrentHashMap<>();
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  RegistryAuthenticator(HttpClient http, RegistryCredentialProvider provider, Duration timeout) {
    this.http = http;
    this.provider = provider;
    this.timeout = timeout;
  }

  /** The {@code Authorization} header that worked last for this repository, if any. */
  Optional<String> cached(ImageReference reference) {
    return Optional.ofNullable(authorizations.get(reference.name()));
  }

  /**
   * Answers the challenges of a 401 response.
   *
   * @param actions the access wanted when the challenge names no scope, e.g. {@code pull}
   * @return the {@code Authorization} header value to retry with
   * @throws RegistryAuthenticationException when the challenge cannot be answered
   */
  String authorize(ImageReference reference, List<String> challengeHeaders, String actions) {
    AuthChallenge challenge =
        AuthChallenge.select(challengeHeaders)
            .orElseThrow(
                () ->
                    new EnvironmentException(
                        "Registry "
                            + reference.registry()
                            + " answered 401 without a Basic or Bearer challenge ("
                            + challengeHeaders
                            + ")."));
    Optional<RegistryCredentials> found = credentialsFor(reference.registry());
    String authorization;
    if (challenge.isBasic()) {
      RegistryCredentials basic = found.orElseThrow(() -> refused(reference, Optional.empty()));
      if (basic.hasIdentityToken()) {
        throw refused(reference, found);
      }
      authorization = basicHeader(basic);
    } else {
      authorization = "Bearer " + fetchToken(reference, challenge, found, actions);
    }
    authorizations.put(reference.name(), authorization);
    return authorization;
  }

  /** The error for a registry that refused access with the credentials it was given. */
  RegistryAuthenticationException refused(
      ImageReference reference, Optional<RegistryCredentials> tried) {
    return RegistryAuthenticationException.refused(reference, tried, provider, null);
  }

  /** The error for the last credentials used with this registry. */
  RegistryAuthenticationException refused(ImageReference reference) {
    return refused(reference, credentialsFor(reference.registry()));
  }

  private Optional<RegistryCredentials> credentialsFor(String registry) {
    return credentials.computeIfAbsent(registry, provider::credentialsFor);
  }

  private String fetchToken(
      ImageReference reference,
      AuthChallenge challenge,
      Optional<RegistryCredentials> found,
      String actions) {
    String realm =
        challenge
            .parameter("realm")
            .orElseThrow(
                () ->
                    new EnvironmentException(
                        "Registry "
                            + reference.registry()
                            + " sent a Bearer challenge without a realm."));
    String service = challenge.parameter("service").orElse("");
    String scope =
        challenge.parameter("scope").orElse("repository:" + reference.repository() + ":" + actions);
    HttpRequest request = tokenRequest(realm, service, scope, found);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TransientRegistryException(
          "Cannot reach the token service " + realm + " of " + reference.registry() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while fetching a registry token.", e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw refused(reference, found);
    }
    if (status >= 500 || status == 429) {
      throw new TransientRegistryException(
          "Token service " + realm + " answered HTTP " + status + ".", null);
    }
    if (status != 200) {
      throw new EnvironmentException(
          "Token service " + realm + " of " + reference.registry() + " answered HTTP " + status);
    }
    JsonNode json = Manifest.parse(reference, response.body());
    String token = json.path("token").asText(json.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new EnvironmentException(
          "Token service " + realm + " of " + reference.registry() + " sent no token.");
    }
    return token;
  }

  private HttpRequest tokenRequest(
      String realm, String service, String scope, Optional<RegistryCredentials> found) {
    if (found.isPresent() && found.get().hasIdentityToken()) {
      String form =
          form(
              Map.of(
                  "grant_type", "refresh_token",
                  "refresh_token", found.get().identityToken(),
                  "service", service,
                  "scope", scope,
                  "client_id", CLIENT_ID));
      return HttpRequest.newBuilder(URI.create(realm))
          .timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form))
          .build();
    }
    String separator = realm.contains("?") ? "&" : "?";
    URI uri = URI.create(realm + separator + form(Map.of("service", service, "scope", scope)));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    found.ifPresent(c -> request.header("Authorization", basicHeader(c)));
    return request.build();
  }

  private static String basicHeader(RegistryCredentials credentials) {
    String userPass = credentials.username() + ":" + credentials.password();
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(Map<String, String> fields) {
    StringBuilder form = new StringBuilder();
    fields.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                form.append(form.length() == 0 ? "" : "&")
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)));
    return form.toString();
  }
}
