package io.github.lambdaimage.cdk;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.nio.file.Path;

/** Test records: the fixtures' directory and records as the plugin writes them. */
final class Records {

  /** The fixtures' directory. */
  static final Path FIXTURES = Path.of("src/test/resources/records").toAbsolutePath();

  static final String ECR_REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";

  static final String AMD64_DIGEST = "sha256:" + "a".repeat(64);

  static final String ARM64_DIGEST = "sha256:" + "b".repeat(64);

  private Records() {}

  /**
   * A record of an image built and checked for {@code architecture}, pushed with {@code digest}.
   */
  static ImageRecord pushed(Architecture architecture, String digest) {
    return built(architecture, architecture.dockerName()).withDigest(digest);
  }

  /** A record of an image built for {@code architecture} whose engine reported {@code verified}. */
  static ImageRecord built(Architecture architecture, String verified) {
    return ImageRecord.built(
        architecture,
        ECR_REPOSITORY,
        "1.0.0-" + architecture,
        "sha256:" + "1".repeat(64),
        "base@sha256:" + "2".repeat(64),
        "example.Handler::handleRequest",
        "sha256:" + "3".repeat(64),
        verified);
  }
}
