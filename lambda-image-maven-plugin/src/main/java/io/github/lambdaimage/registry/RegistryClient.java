package io.github.lambdaimage.registry;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the registry HTTP API v2 for manifests and blobs. Answers Basic and Bearer challenges
 * with credentials from a {@link RegistryCredentialProvider}, retries transient failures with a
 * {@link RetryPolicy}, and talks plain HTTP only to loopback registries ({@code localhost}, {@code
 * 127.0.0.0/8}, {@code [::1]}), as dockerd treats those as insecure by default; HTTPS otherwise.
 */
public final class RegistryClient {

  /** How long to wait for a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long to wait for a whole response by default. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** The user property that sets the limit for each response, in seconds. */
  public static final String TIMEOUT_PROPERTY = "lambda.registry.timeout";

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 5;

  private final RegistryHttp http;
  private final RetryPolicy retry;
  private final BuildLog log;
  private final RegistryAuthenticator authenticator;

  /** A client with the default HTTP client, timeouts and {@link RetryPolicy#standard()}. */
  public RegistryClient(RegistryCredentialProvider credentials, BuildLog log) {
    this(credentials, REQUEST_TIMEOUT, log);
  }

  /**
   * A client with the default HTTP client and {@link RetryPolicy#standard()}.
   *
   * @param timeout the limit for each whole response ({@value #TIMEOUT_PROPERTY})
   */
  public RegistryClient(RegistryCredentialProvider credentials, Duration timeout, BuildLog log) {
    this(defaultHttpClient(), credentials, RetryPolicy.standard(), timeout, log);
  }

  /**
   * A client.
   *
   * @param http the HTTP client; it must not follow redirects (this client does, dropping the
   *     credentials when the scheme, host or port changes)
   * @param credentials where registry credentials come from
   * @param retry how transient failures are retried
   * @param timeout the limit for each whole response, headers and body
   * @param log where retries are reported
   */
  public RegistryClient(
      HttpClient http,
      RegistryCredentialProvider credentials,
      RetryPolicy retry,
      Duration timeout,
      BuildLog log) {
    this.http = new RegistryHttp(http, timeout);
    this.retry = retry;
    this.log = log;
    this.authenticator = new RegistryAuthenticator(this.http, credentials, log);
  }

  /** An HTTP client with {@link #CONNECT_TIMEOUT} that does not follow redirects. */
  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Fetches the manifest {@code reference} names (by digest if it has one, else by tag).
   *
   * @throws InvalidConfigurationException when the registry does not have it
   */
  public Manifest getManifest(ImageReference reference) {
    HttpResponse<byte[]> response =
        call(reference, "GET", manifestUri(reference, reference.manifestReference()));
    requireFound(reference, response);
    byte[] body = response.body();
    String mediaType =
        Optional.ofNullable(JsonText.text(Manifest.parse(reference, body).get("mediaType")))
            .orElse(contentType(response));
    String digest =
        response
            .headers()
            .firstValue("Docker-Content-Digest")
            .orElseGet(() -> Sha256.contentDigest(body));
    return new Manifest(reference, mediaType, digest, body);
  }

  /**
   * Asks for a manifest's media type and digest without its body; empty when the registry does not
   * have it.
   */
  public Optional<Manifest> headManifest(ImageReference reference) {
    HttpResponse<byte[]> response =
        call(reference, "HEAD", manifestUri(reference, reference.manifestReference()));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireFound(reference, response);
    Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
    return digest.isPresent()
        ? Optional.of(new Manifest(reference, contentType(response), digest.get(), new byte[0]))
        : Optional.of(getManifest(reference));
  }

  /** Fetches a blob (e.g. an image config) of {@code reference}'s repository by digest. */
  public byte[] getBlob(ImageReference reference, String digest) {
    URI uri = apiUri(reference, "/blobs/" + digest);
    HttpResponse<byte[]> response = call(reference, "GET", uri);
    if (response.statusCode() == 404) {
      throw new EnvironmentException(
          "Registry "
              + reference.registry()
              + " has no blob "
              + digest
              + " in "
              + reference.name());
    }
    requireFound(reference, response);
    return response.body();
  }

  /**
   * The digest of {@code reference}'s single-platform manifest for {@code linux/<architecture>}:
   * the matching entry of an index or manifest list, or the manifest itself after its config proved
   * the platform.
   *
   * @throws InvalidConfigurationException naming the image, the platform wanted and the platforms
   *     it has, when it has no such platform
   */
  public String resolvePlatform(ImageReference reference, Architecture architecture) {
    return new PlatformManifests(this).resolve(reference, architecture);
  }

  /**
   * Reads back a pushed image: it must be a single-platform image manifest (not an index) whose
   * config names {@code linux/<architecture>}.
   *
   * @return the manifest, whose digest is the registry's {@code Docker-Content-Digest}
   * @throws EnvironmentException when the registry serves anything else
   */
  public Manifest verifySinglePlatform(ImageReference reference, Architecture architecture) {
    return new PlatformManifests(this).verifySinglePlatform(reference, architecture);
  }

  /** The URI scheme for a registry: {@code http} for loopback hosts, else {@code https}. */
  public static String scheme(String registry) {
    return isLoopback(registry) ? "http" : "https";
  }

  /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, with any port. */
  public static boolean isLoopback(String registry) {
    String host = hostOf(registry);
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  /** The host of {@code host[:port]}; an IPv6 address keeps its brackets. */
  static String hostOf(String registry) {
    return registry.startsWith("[")
        ? registry.substring(0, registry.indexOf(']') + 1)
        : registry.split(":", 2)[0];
  }

  private static URI manifestUri(ImageReference reference, String tagOrDigest) {
    return apiUri(reference, "/manifests/" + tagOrDigest);
  }

  private static URI apiUri(ImageReference reference, String path) {
    String host =
        reference.registry().equals(ImageReference.DOCKER_HUB)
            ? "registry-1.docker.io"
            : reference.registry();
    return URI.create(
        scheme(reference.registry()) + "://" + host + "/v2/" + reference.repository() + path);
  }

  private HttpResponse<byte[]> call(ImageReference reference, String method, URI uri) {
    return retry.run(method + " " + uri, () -> callOnce(reference, method, uri), log);
  }

  private HttpResponse<byte[]> callOnce(ImageReference reference, String method, URI uri) {
    Optional<String> authorization = authenticator.cached(reference);
    HttpResponse<byte[]> response = exchange(reference, method, uri, authorization);
    if (response.statusCode() == 401) {
      String answer =
          authenticator.authorize(
              reference, response.headers().allValues("WWW-Authenticate"), "pull");
      response = exchange(reference, method, uri, Optional.of(answer));
      if (response.statusCode() == 401) {
        throw authenticator.refused(reference);
      }
    }
    if (response.statusCode() == 403) {
      throw authenticator.refused(reference);
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429) {
      throw new TransientRegistryException(
          "Registry " + reference.registry() + " answered HTTP " + response.statusCode() + ".",
          null,
          retryAfter(response));
    }
    return response;
  }

  private HttpResponse<byte[]> exchange(
      ImageReference reference, String method, URI uri, Optional<String> authorization) {
    URI target = uri;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target)
              .header("Accept", MediaTypes.acceptHeader())
              .method(method, HttpRequest.BodyPublishers.noBody());
      if (sameOrigin(target, uri)) {
        authorization.ifPresent(value -> request.header("Authorization", value));
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), "registry " + reference.registry());
      Optional<String> location = response.headers().firstValue("Location");
      if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
        return response;
      }
      if (redirects >= MAX_REDIRECTS) {
        throw new EnvironmentException(
            "Registry " + reference.registry() + " redirected " + uri + " too many times.");
      }
      target = target.resolve(location.get());
    }
  }

  /**
   * True when {@code a} and {@code b} have the same scheme, host and port (a default port counts as
   * given): credentials go only where they were meant to, never to another host or port, nor from
   * HTTPS down to plain HTTP.
   */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static void requireFound(ImageReference reference, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status == 404) {
      throw new InvalidConfigurationException(
          "Image "
              + reference
              + " was not found in registry "
              + reference.registry()
              + " (HTTP 404). Check the repository and tag, or push the image first.");
    }
    if (status != 200) {
      throw new EnvironmentException(
          "Registry "
              + reference.registry()
              + " answered HTTP "
              + status
              + " for "
              + reference
              + ": "
              + excerpt(response.body()));
    }
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static String contentType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .map(t -> t.split(";")[0].strip())
        .orElse(null);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.matches("[0-9]{1,5}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)))
        .orElse(null);
  }
}
