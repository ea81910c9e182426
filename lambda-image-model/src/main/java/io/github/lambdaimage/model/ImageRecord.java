package io.github.lambdaimage.model;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One built image, as written to {@code target/lambda-image/<arch>/image.json}. The file also
 * carries the architecture's Lambda name and platform ({@code lambdaArchitecture}, {@code
 * platform}) for tools that read it; both follow from {@code architecture} and must agree with it.
 * {@code digest} is the registry manifest digest and is present only after a push.
 *
 * @param architecture the requested architecture
 * @param repository image repository without tag
 * @param tag the tag the image was built under
 * @param imageId the engine's image id ({@code sha256:…})
 * @param digest the registry manifest digest after a push, else {@code null}
 * @param baseImage the base image, pinned to the platform's manifest digest
 * @param handler the Lambda handler the image starts
 * @param contextDigest the hash of every build input; equal hashes mean an identical build
 * @param verifiedArchitecture the architecture the engine reported for the built image, as the
 *     engine spelled it; the build writes the record only when it equals {@code architecture}
 * @param engine the address of the engine that built the image and holds it, e.g. {@code
 *     tcp://10.0.0.5:2376}, never with credentials; {@code null} in records of earlier versions
 */
public record ImageRecord(
    Architecture architecture,
    String repository,
    String tag,
    String imageId,
    String digest,
    String baseImage,
    String handler,
    String contextDigest,
    String verifiedArchitecture,
    String engine) {

  /** Requires the architecture, the one member every reader relies on. */
  public ImageRecord {
    Objects.requireNonNull(architecture, "architecture");
  }

  /** Lambda's name of the architecture: {@code x86_64} or {@code arm64}. */
  public String lambdaArchitecture() {
    return architecture.lambdaName();
  }

  /** The Docker platform: {@code linux/amd64} or {@code linux/arm64}. */
  public String platform() {
    return architecture.platform();
  }

  /** The record as a JSON object, members in the contract's order, {@code null}s left out. */
  public Map<String, Object> toJsonObject() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("architecture", architecture.dockerName());
    object.put("lambdaArchitecture", lambdaArchitecture());
    object.put("platform", platform());
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
   * The record in a JSON object; members it does not know are ignored. {@code lambdaArchitecture}
   * and {@code platform} may be missing (records of earlier versions), but when present they must
   * name the same architecture as {@code architecture}.
   *
   * @throws IOException when a member is not a string, the architecture is missing or unknown, or
   *     the three architecture members disagree; the message names the value
   */
  public static ImageRecord fromJsonObject(Map<String, Object> object) throws IOException {
    Architecture architecture = architecture(object);
    agrees(architecture, "lambdaArchitecture", JsonText.string(object, "lambdaArchitecture"));
    agrees(architecture, "platform", JsonText.string(object, "platform"));
    return new ImageRecord(
        architecture,
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

  private static Architecture architecture(Map<String, Object> object) throws IOException {
    String value = JsonText.string(object, "architecture");
    if (value == null) {
      throw new IOException(
          "an image has no \"architecture\"; it is not an image.json or images.json written by"
              + " lambda-image");
    }
    try {
      return Architecture.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IOException("\"architecture\": " + e.getMessage(), e);
    }
  }

  private static void agrees(Architecture architecture, String member, String value)
      throws IOException {
    String expected =
        member.equals("platform") ? architecture.platform() : architecture.lambdaName();
    if (value != null && !value.equals(expected)) {
      throw new IOException(
          "architecture "
              + architecture
              + " disagrees with "
              + member
              + " "
              + value
              + "; the file is inconsistent, rebuild the image");
    }
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
        architecture,
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
    return copy(newDigest, engine, verifiedArchitecture);
  }

  /** This record with the address of the engine that built and holds the image (no credentials). */
  public ImageRecord withEngine(String newEngine) {
    return copy(digest, newEngine, verifiedArchitecture);
  }

  /** This record with another engine-reported architecture (what the build's check found). */
  public ImageRecord withVerifiedArchitecture(String newVerifiedArchitecture) {
    return copy(digest, engine, newVerifiedArchitecture);
  }

  private ImageRecord copy(String newDigest, String newEngine, String newVerifiedArchitecture) {
    return new ImageRecord(
        architecture,
        repository,
        tag,
        imageId,
        newDigest,
        baseImage,
        handler,
        contextDigest,
        newVerifiedArchitecture,
        newEngine);
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
    return architecture.dockerName().equals(verifiedArchitecture);
  }
}
