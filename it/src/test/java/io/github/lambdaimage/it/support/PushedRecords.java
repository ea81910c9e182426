package io.github.lambdaimage.it.support;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;

/** Image records as a build and push write them, for tests of the deploy side alone. */
public final class PushedRecords {

  private PushedRecords() {}

  /**
   * A record of an image built and checked for {@code architecture}, pushed with {@code digest}.
   */
  public static ImageRecord pushed(Architecture architecture, String repository, String digest) {
    return ImageRecord.built(
            architecture,
            repository,
            "1.0.0-" + architecture,
            "sha256:" + "1".repeat(64),
            "127.0.0.1:5000/lambda-image-test/java-base@sha256:" + "2".repeat(64),
            "io.github.lambdaimage.example.HelloHandler::handleRequest",
            "sha256:" + "3".repeat(64),
            architecture.dockerName())
        .withDigest(digest);
  }
}
