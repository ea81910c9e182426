package io.github.lambdaimage.model;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One built image, as written to {@code target/lambda-image/<arch>/image.json} (the contract in
 * DESIGN.md). {@code digest} is the registry manifest digest and is present only after a push.
 *
 * @param architecture Docker name of the requested architecture ({@code amd64}, {@code arm64})
 * @param lambdaArchitecture Lambda's name for it ({@code x86_64}, {@code arm64})
 * @param platform the Docker platform ({@code linux/arm64})
 * @param repository image repository without tag
 * @param tag the tag the image was built under
 * @param imageId the engine's image id ({@code sha256:…})
 * @param digest the registry manifest digest after a push, else {@code null}
 * @param baseImage the base image, pinned to the platform's manifest digest
 * @param handler the Lambda handler the image starts
 * @param contextDigest the hash of every build input; equal hashes mean an identical build
 * @param verifiedArchitecture the architecture the engine reported for the built image; the build
 *     writes the record only when it equals {@code architecture}
 * @param engine the address of the engine that built the image and holds it, e.g. {@code
 *     tcp://10.0.0.5:2376}, never with credentials; {@code null} in records of earlier versions
 */
public record ImageRecord(
    String architecture,
    String lambdaArchitecture,
    String platform,
    String repository,
    String tag,
    String imageId,
    String digest,
    String baseImage,
    String handler,
    String contextDigest,
    String verifiedArchitecture,
    String engine) {

  /** The record as a JSON object, members in the contract's order, {@code null}s left out. */
  public Map<String, Object> toJsonObject() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("architecture", architecture);
    object.put("lambdaArchitecture", lambdaArchitecture);
    object.put("platform", platform);
    object.put("repository", repository);
    object.put("tag", tag);
    object.put("imageId", imageId);
    object.put("digest", digest);
    object.put("baseImage", baseImage);
    object.put("handler", handler);
    object.put("contextDigest", contextDigest);
    object.put("verifiedArchitecture", verifiedArchitecture);
    object.put("engine", engine);
    object.values().removeIf(Objects::isNull);
    return object;
  }

  /**
   * The record in a JSON object; members it does not know are ignored.
   *
   * @throws IOException when a member is not a string
   */
  public static ImageRecord fromJsonObject(Map<String, Object> object) throws IOException {
    return new ImageRecord(
        JsonText.string(object, "architecture"),
        JsonText.string(object, "lambdaArchitecture"),
        JsonText.string(object, "platform"),
        JsonText.string(object, "repository"),
        JsonText.string(object, "tag"),
        JsonText.string(object, "imageId"),
        JsonText.string(object, "digest"),
        JsonText.string(object, "baseImage"),
        JsonText.string(object, "handler"),
        JsonText.string(object, "contextDigest"),
        JsonText.string(object, "verifiedArchitecture"),
        JsonText.string(object, "engine"));
  }

  /**
   * A record of a freshly built, verified image that has not been pushed yet; {@link #withEngine}
   * adds the engine that built it.
   */
  public static ImageRecord built(
      Architecture architecture,
      String repository,
      String tag,
      String imageId,
      String baseImage,
      String handler,
      String contextDigest,
      String verifiedArchitecture) {
    return new ImageRecord(
        architecture.dockerName(),
        architecture.lambdaName(),
        architecture.platform(),
        repository,
        tag,
        imageId,
        null,
        baseImage,
        handler,
        contextDigest,
        verifiedArchitecture,
        null);
  }

  /** This record with the registry digest set after a push. */
  public ImageRecord withDigest(String newDigest) {
    return copy(newDigest, engine);
  }

  /** This record with the address of the engine that built and holds the image (no credentials). */
  public ImageRecord withEngine(String newEngine) {
    return copy(digest, newEngine);
  }

  private ImageRecord copy(String newDigest, String newEngine) {
    return new ImageRecord(
        architecture,
        lambdaArchitecture,
        platform,
        repository,
        tag,
        imageId,
        newDigest,
        baseImage,
        handler,
        contextDigest,
        verifiedArchitecture,
        newEngine);
  }

  /** The architecture as the shared type; fails on a record with an unknown value. */
  public Architecture arch() {
    return Architecture.parse(architecture);
  }

  /** {@code repository:tag}. */
  public String taggedReference() {
    return repository + ":" + tag;
  }

  /**
   * {@code repository@digest}, the immutable reference a deploy uses; {@code null} before a push.
   */
  public String digestReference() {
    return digest == null ? null : repository + "@" + digest;
  }

  /** True when the build's architecture check ran and matched the requested architecture. */
  public boolean isArchitectureVerified() {
    return architecture != null && architecture.equals(verifiedArchitecture);
  }
}
