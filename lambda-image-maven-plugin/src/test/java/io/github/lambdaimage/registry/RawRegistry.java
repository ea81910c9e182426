package io.github.lambdaimage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdaimage.digest.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Talks to a real registry over its plain HTTP API, independently of {@link RegistryClient}: writes
 * small images (a config blob, no layers) so tests can shape any manifest, index or attestation
 * entry they need, and reads manifests and blobs back as the registry serves them.
 */
public final class RawRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String registry;
  private final String authorization;
  private final List<String> uploadedManifests = new ArrayList<>();

  public RawRegistry(String registry) {
    this(registry, null, null);
  }

  public RawRegistry(String registry, String user, String password) {
    this.registry = registry;
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A repository name unique to this test run, under {@code lambda-image-it/}. */
  public static String uniqueRepository(String test) {
    return "lambda-image-it/" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Uploads a config for {@code os/architecture[/variant]} and a manifest of {@code mediaType}. */
  public Descriptor image(
      String repository,
      String tag,
      String mediaType,
      String os,
      String architecture,
      String variant) {
    ObjectNode config = JSON.createObjectNode().put("os", os).put("architecture", architecture);
    if (variant != null) {
      config.put("variant", variant);
    }
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    byte[] configBytes = bytes(config);
    String configDigest = Sha256.contentDigest(configBytes);
    uploadBlob(repository, configBytes, configDigest);
    String configType =
        mediaType.equals(MediaTypes.OCI_MANIFEST)
            ? "application/vnd.oci.image.config.v1+json"
            : "application/vnd.docker.container.image.v1+json";
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
    manifest
        .putObject("config")
        .put("mediaType", configType)
        .put("size", configBytes.length)
        .put("digest", configDigest);
    manifest.putArray("layers");
    return putManifest(repository, tag, mediaType, bytes(manifest));
  }

  /**
   * Uploads an image for {@code os/architecture[/variant]} tagged with its platform, and returns it
   * as an index entry declaring that platform.
   */
  public Entry platformImage(
      String repository, String mediaType, String os, String architecture, String variant) {
    String tag = os + "-" + architecture + (variant == null ? "" : "-" + variant);
    Descriptor image = image(repository, tag, mediaType, os, architecture, variant);
    return new Entry(image, os, architecture, variant);
  }

  /** Uploads an index of {@code mediaType} over {@code entries}; each has a platform. */
  public Descriptor index(String repository, String tag, String mediaType, Entry... entries) {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
    ArrayNode manifests = index.putArray("manifests");
    for (Entry entry : entries) {
      ObjectNode node =
          manifests
              .addObject()
              .put("mediaType", entry.descriptor().mediaType())
              .put("size", entry.descriptor().size())
              .put("digest", entry.descriptor().digest());
      ObjectNode platform =
          node.putObject("platform")
              .put("architecture", entry.architecture())
              .put("os", entry.os());
      if (entry.variant() != null) {
        platform.put("variant", entry.variant());
      }
    }
    return putManifest(repository, tag, mediaType, bytes(index));
  }

  private void uploadBlob(String repository, byte[] content, String digest) {
    HttpResponse<String> start =
        send(
            request(URI.create(base(repository) + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create(base(repository)).resolve(location);
    String separator = upload.getQuery() == null ? "?" : "&";
    send(
        request(URI.create(upload + separator + "digest=" + digest))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
        201);
  }

  private Descriptor putManifest(String repository, String tag, String mediaType, byte[] body) {
    send(
        request(URI.create(base(repository) + "/manifests/" + tag))
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
        201);
    String digest = Sha256.contentDigest(body);
    uploadedManifests.add(repository + "/manifests/" + digest);
    return new Descriptor(mediaType, digest, body.length);
  }

  /** A manifest as served: {@code Content-Type}, {@code Docker-Content-Digest} and body. */
  public record Served(String contentType, String digestHeader, JsonNode body) {}

  /** GETs a manifest by tag or digest, accepting every manifest type. */
  public Served manifest(String repository, String reference) {
    HttpResponse<String> response =
        send(
            request(URI.create(base(repository) + "/manifests/" + reference))
                .header("Accept", MediaTypes.acceptHeader())
                .GET(),
            200);
    return new Served(
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Docker-Content-Digest").orElse(null),
        json(response.body()));
  }

  /** GETs a blob, such as an image config, as JSON. */
  public JsonNode blob(String repository, String digest) {
    return json(send(request(URI.create(base(repository) + "/blobs/" + digest)).GET(), 200).body());
  }

  /** Deletes a manifest by digest, and so every tag pointing at it. */
  public void deleteManifest(String repository, String digest) {
    delete(request(URI.create(base(repository) + "/manifests/" + digest)).DELETE());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("The registry sent something that is not JSON: " + text, e);
    }
  }

  /** Deletes every manifest this instance uploaded (and so its tags), newest first. */
  public void deleteAll() {
    for (int i = uploadedManifests.size() - 1; i >= 0; i--) {
      URI uri = URI.create("http://" + registry + "/v2/" + uploadedManifests.get(i));
      delete(request(uri).DELETE());
    }
    uploadedManifests.clear();
  }

  private void delete(HttpRequest.Builder request) {
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 202 && status != 404) {
        throw new IllegalStateException(request.build().uri() + " answered " + status);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot delete " + request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String base(String repository) {
    return "http://" + registry + "/v2/" + repository;
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Registry " + registry + " is not reachable; run scripts/env-up.sh: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What was uploaded: media type, digest, size. */
  public record Descriptor(String mediaType, String digest, long size) {}

  /** An index entry: a manifest and the platform the index declares for it. */
  public record Entry(Descriptor descriptor, String os, String architecture, String variant) {}
}
