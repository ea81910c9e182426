package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.model.Architecture;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The tag an image waits under between its build and its real tag: {@code
 * lambda-image-build/<random>:<arch>}, unique to one build and outside any project's names. Closing
 * removes it (and so an image nothing else names); Ctrl-C ends the JVM without closing, so a
 * shutdown hook removes it then.
 */
final class TemporaryTag implements AutoCloseable {

  /** Where images wait, under a temporary tag, between their build and their real tag. */
  static final String REPOSITORY = "lambda-image-build/";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DockerEngine engine;
  private final String name;
  private final Thread untagOnExit;

  TemporaryTag(DockerEngine engine, Architecture architecture) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    this.engine = engine;
    this.name = REPOSITORY + HexFormat.of().formatHex(random) + ":" + architecture.dockerName();
    this.untagOnExit = new Thread(() -> engine.removeQuietly(name), "lambda-image-untag-" + name);
    Runtime.getRuntime().addShutdownHook(untagOnExit);
  }

  /** {@code lambda-image-build/<random>:<arch>}. */
  String name() {
    return name;
  }

  @Override
  public void close() {
    engine.removeQuietly(name);
    try {
      Runtime.getRuntime().removeShutdownHook(untagOnExit);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs now
    }
  }
}
