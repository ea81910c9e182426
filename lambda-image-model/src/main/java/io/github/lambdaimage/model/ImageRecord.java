package io.github.lambdaimage.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "architecture",
  "lambdaArchitecture",
  "platform",
  "repository",
  "tag",
  "imageId",
  "digest",
  "baseImage",
  "handler",
  "contextDigest",
  "verifiedArchitecture"
})
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
    String verifiedArchitecture) {

  /** A record of a freshly built, verified image that has not been pushed yet. */
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
        verifiedArchitecture);
  }

  /** This record with the registry digest set after a push. */
  public ImageRecord withDigest(String newDigest) {
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
        verifiedArchitecture);
  }

  /** The architecture as the shared type; fails on a record with an unknown value. */
  @JsonIgnore
  public Architecture arch() {
    return Architecture.parse(architecture);
  }

  /** {@code repository:tag}. */
  @JsonIgnore
  public String taggedReference() {
    return repository + ":" + tag;
  }

  /**
   * {@code repository@digest}, the immutable reference a deploy uses; {@code null} before a push.
   */
  @JsonIgnore
  public String digestReference() {
    return digest == null ? null : repository + "@" + digest;
  }

  /** True when the build's architecture check ran and matched the requested architecture. */
  @JsonIgnore
  public boolean isArchitectureVerified() {
    return architecture != null && architecture.equals(verifiedArchitecture);
  }
}
