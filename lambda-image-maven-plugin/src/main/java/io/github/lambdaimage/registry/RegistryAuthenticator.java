package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.log.BuildLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry challenges: {@code Basic} with the credentials, {@code Bearer} by fetching a
 * token from the challenge's realm (anonymously, with the credentials, or with an identity token).
 * Remembers the {@code Authorization} header per repository so later requests skip the challenge.
 *
 * <p>A realm is asked only over HTTPS, or over plain HTTP when both the registry and the realm are
 * on loopback, so a registry's challenge can never send credentials in clear text across a network.
 * A realm on another host than the registry's is used (Docker Hub's is) and logged.
 */
final class RegistryAuthenticator {

  private static final String CLIENT_ID = "lambda-image";

  private final RegistryHttp http;
  private final RegistryCredentialProvider provider;
  private final BuildLog log;
  private final Map<String, Optional<RegistryCredentials>> credentials = new ConcurrentHashMap<>();
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  RegistryAuthenticator(RegistryHttp http, RegistryCredentialProvider provider, BuildLog log) {
    this.http = http;
    this.provider = provider;
    this.log = log;
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
    requireSafeRealm(reference, realm, found);
    String service = challenge.parameter("service").orElse("");
    String scope =
        challenge.parameter("scope").orElse("repository:" + reference.repository() + ":" + actions);
    HttpRequest request = tokenRequest(realm, service, scope, found);
    HttpResponse<byte[]> response =
        http.send(request, "the token service of registry " + reference.registry());
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
    Map<String, Object> json = Manifest.parse(reference, response.body());
    String token =
        Optional.ofNullable(JsonText.text(json.get("token")))
            .orElseGet(() -> JsonText.text(json.get("access_token")));
    if (token == null || token.isEmpty()) {
      throw new EnvironmentException(
          "Token service " + realm + " of " + reference.registry() + " sent no token.");
    }
    return token;
  }

  /**
   * Refuses a realm that is not HTTPS, unless registry and realm are both on loopback; logs a realm
   * on another host than the registry's.
   */
  private void requireSafeRealm(
      ImageReference reference, String realm, Optional<RegistryCredentials> found) {
    String registry = reference.registry();
    URI uri;
    try {
      uri = new URI(realm);
    } catch (URISyntaxException e) {
      throw new EnvironmentException(
          "Registry "
              + registry
              + " sent a Bearer challenge with an invalid realm '"
              + realm
              + "'.",
          e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    boolean loopbackHttp =
        scheme.equals("http")
            && host != null
            && RegistryClient.isLoopback(registry)
            && RegistryClient.isLoopback(host);
    if (host == null || !(scheme.equals("https") || loopbackHttp)) {
      throw new EnvironmentException(
          "Registry "
              + registry
              + " asks for tokens from "
              + realm
              + ", which is not an HTTPS address; refusing to send "
              + found.map(RegistryCredentials::toString).orElse("token requests")
              + " there in clear text (plain HTTP is accepted only when the registry and its"
              + " token service are both on loopback). If that is really the registry's token"
              + " service, serve it over HTTPS.");
    }
    String registryHost = RegistryClient.hostOf(registry);
    if (!host.equalsIgnoreCase(registryHost)) {
      log.info(
          "Registry "
              + registry
              + " hands out its tokens from another host, "
              + host
              + " ("
              + realm
              + ")"
              + found.map(c -> "; sending it the " + c).orElse("")
              + ".");
    }
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
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form))
          .build();
    }
    String separator = realm.contains("?") ? "&" : "?";
    URI uri = URI.create(realm + separator + form(Map.of("service", service, "scope", scope)));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
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
