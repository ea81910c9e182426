package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.model.Architecture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The tag an image waits under between its build and its real tag: {@code
 * lambda-image-build/<random>:<arch>}, unique to one build and outside any project's names. Closing
 * removes it (and so an image nothing else names).
 *
 * <p>Ctrl-C ends the JVM without closing, so a shutdown hook removes it then. The engine may still
 * be building when the hook starts (a small context is sent at once, and the engine goes on after
 * the JVM was asked to stop) and would tag the image after the hook removed the tag: the hook first
 * waits, at most {@link #BUILD_END_WAIT}, for the build's answer to end, and the build stops there
 * instead of going on to verify and tag.
 */
final class TemporaryTag implements AutoCloseable {

  /** Where images wait, under a temporary tag, between their build and their real tag. */
  static final String REPOSITORY = "lambda-image-build/";

  /** How long Ctrl-C waits for a build in flight before removing its tag anyway. */
  static final Duration BUILD_END_WAIT = Duration.ofSeconds(10);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DockerEngine engine;
  private final String name;
  private final Thread untagOnExit;
  private final CountDownLatch buildEnded = new CountDownLatch(1);
  private volatile boolean stopping;

  TemporaryTag(DockerEngine engine, Architecture architecture) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    this.engine = engine;
    this.name = REPOSITORY + HexFormat.of().formatHex(random) + ":" + architecture.dockerName();
    this.untagOnExit = new Thread(this::untagOnExit, "lambda-image-untag-" + name);
    Runtime.getRuntime().addShutdownHook(untagOnExit);
  }

  /** {@code lambda-image-build/<random>:<arch>}. */
  String name() {
    return name;
  }

  /**
   * Runs the engine's build of the image this tag names.
   *
   * @return what {@code build} returns
   * @throws EnvironmentException when the JVM began to stop (Ctrl-C) while the engine built: the
   *     image is neither verified nor tagged, and the shutdown hook removes this tag
   */
  <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } finally {
      buildEnded.countDown();
      if (stopping) {
        throw new EnvironmentException(
            "Stopped while the engine built " + name + ": the image is not tagged.");
      }
    }
  }

  @Override
  public void close() {
    buildEnded.countDown();
    engine.removeQuietly(name);
    try {
      Runtime.getRuntime().removeShutdownHook(untagOnExit);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs now
    }
  }

  private void untagOnExit() {
    stopping = true;
    try {
      buildEnded.await(BUILD_END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.removeQuietly(name);
  }
}
