package io.github.lambdaimage.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.registry.Manifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local registry the tests push to ({@code 127.0.0.1:5000}, started by {@code
 * scripts/env-up.sh}), read over its HTTP API v2 so assertions see what a registry really serves.
 */
public final class TestRegistry {

  /** Accept header covering single manifests and indexes of both Docker and OCI media types. */
  public static final String ACCEPT_ANY_MANIFEST =
      String.join(
          ",",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestRegistry() {}

  /** The registry's host:port, from the build ({@code lambda.test.registry}). */
  public static String address() {
    return System.getProperty("lambda.test.registry", "127.0.0.1:5000");
  }

  /** The multi-architecture base image the tests build on. */
  public static String baseImage() {
    return System.getProperty(
        "lambda.test.baseImage", address() + "/lambda-image-test/java-base:17");
  }

  /** The test environment's official-shaped Lambda Java base image (an amd64 + arm64 index). */
  public static String officialBaseImage() {
    return System.getProperty("lambda.test.officialBaseImage", address() + "/lambda/java:21");
  }

  /** A manifest as served: media type, digest header and parsed body. */
  public record Manifest(String mediaType, String digest, JsonNode body) {}

  /** GETs {@code /v2/<repository>/manifests/<reference>} accepting every manifest type. */
  public static Manifest manifest(String repository, String reference) {
    HttpResponse<String> response =
        get("/v2/" + repository + "/manifests/" + reference, ACCEPT_ANY_MANIFEST);
    try {
      return new Manifest(
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Docker-Content-Digest").orElse(null),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("Registry sent a manifest that is not JSON", e);
    }
  }

  /** Media types of a single-platform image manifest (what Lambda accepts). */
  public static final List<String> IMAGE_MANIFEST_TYPES =
      List.of(
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.oci.image.manifest.v1+json");

  /**
   * The platform ({@code os/architecture}) of the image the registry serves at {@code digest}, or a
   * description of what it serves instead: a media type that is no single-platform manifest, or a
   * {@code Docker-Content-Digest} other than {@code digest}.
   */
  public static String servedPlatform(String repository, String digest) {
    Manifest manifest = manifest(repository, digest);
    if (!digest.equals(manifest.digest())) {
      return "a manifest whose digest is " + manifest.digest();
    }
    if (!IMAGE_MANIFEST_TYPES.contains(manifest.mediaType())) {
      return "a " + manifest.mediaType();
    }
    JsonNode config = blob(repository, manifest.body().path("config").path("digest").asText());
    return config.path("os").asText() + "/" + config.path("architecture").asText();
  }

  /** GETs a blob, such as an image config, as JSON. */
  public static JsonNode blob(String repository, String digest) {
    try {
      return JSON.readTree(get("/v2/" + repository + "/blobs/" + digest, "*/*").body());
    } catch (IOException e) {
      throw new IllegalStateException("Registry sent a blob that is not JSON", e);
    }
  }

  /** The per-platform manifest digests of an index, keyed {@code os/architecture}. */
  public static Map<String, String> platformDigests(String repository, String reference) {
    Map<String, String> digests = new HashMap<>();
    for (JsonNode manifest : manifest(repository, reference).body().path("manifests")) {
      JsonNode platform = manifest.path("platform");
      digests.put(
          platform.path("os").asText() + "/" + platform.path("architecture").asText(),
          manifest.path("digest").asText());
    }
    return digests;
  }

  /** The base image's repository path, without registry and tag. */
  public static String baseRepository() {
    String withoutRegistry = baseImage().substring(address().length() + 1);
    return withoutRegistry.substring(0, withoutRegistry.lastIndexOf(':'));
  }

  /** The base image's tag. */
  public static String baseTag() {
    return baseImage().substring(baseImage().lastIndexOf(':') + 1);
  }

  /**
   * The base image pinned to its manifest for {@code platform}, e.g. {@code
   * 127.0.0.1:5000/lambda-image-test/java-base@sha256:…}.
   */
  public static String pinnedBase(String platform) {
    String digest = platformDigests(baseRepository(), baseTag()).get(platform);
    if (digest == null) {
      throw new IllegalStateException(baseImage() + " has no " + platform + " manifest");
    }
    return address() + "/" + baseRepository() + "@" + digest;
  }

  private static HttpResponse<String> get(String path, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + address() + path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Registry at " + address() + " unreachable; run scripts/env-up.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
