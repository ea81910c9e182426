package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.docker.ImageEngine;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a module's image for each requested architecture, concurrently or one after the other, and
 * writes each verified image's {@code image.json}; {@code images.json} then lists the architectures
 * this build built, and no other.
 */
public final class LambdaImageBuilder {

  private final ImageEngine engine;
  private final BaseImageResolver baseImages;
  private final BuildLog log;
  private final boolean parallel;

  /**
   * @param engine the engine to build on
   * @param baseImages pins base images per platform
   * @param log the build log
   * @param parallel build the architectures concurrently
   */
  public LambdaImageBuilder(
      ImageEngine engine, BaseImageResolver baseImages, BuildLog log, boolean parallel) {
    this.engine = engine;
    this.baseImages = baseImages;
    this.log = log;
    this.parallel = parallel;
  }

  /**
   * Builds every architecture. Records of the architectures that succeeded are written, and listed
   * in {@code images.json}, even when another fails; the first failure is then thrown.
   */
  public List<ArchitectureResult> build(ImageSettings settings, List<Architecture> architectures) {
    Dockerfiles.reportUnusedOverrides(settings, architectures, log);
    ImageRecords records = new ImageRecords(settings.outputDirectory());
    List<ArchitectureBuild> builds = new ArrayList<>();
    for (Architecture architecture : architectures) {
      BuildLog prefixed =
          architectures.size() > 1 ? PrefixedLog.of(log, "[" + architecture + "] ") : log;
      builds.add(new ArchitectureBuild(settings, architecture, baseImages, engine, prefixed));
    }
    List<ArchitectureResult> results = new ArrayList<>();
    List<ImageRecord> built = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<ArchitectureResult> outcome : start(builds)) {
      try {
        ArchitectureResult result = outcome.get();
        built.add(keepDigestOfSameImage(records, result.record()));
        results.add(result);
      } catch (ExecutionException e) {
        failure = failure != null ? failure : unwrap(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EnvironmentException("Interrupted while building", e);
      }
    }
    records.recordBuild(built);
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private List<Future<ArchitectureResult>> start(List<ArchitectureBuild> builds) {
    int threads = parallel ? builds.size() : 1;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ArchitectureResult>> futures = new ArrayList<>();
      for (ArchitectureBuild build : builds) {
        futures.add(executor.submit(build::run));
      }
      return futures;
    } finally {
      executor.shutdown();
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /** {@code record}, with the registry digest of a pushed image when the image did not change. */
  private static ImageRecord keepDigestOfSameImage(ImageRecords records, ImageRecord record) {
    if (!Files.isRegularFile(records.imageFile(record.arch()))) {
      return record;
    }
    ImageRecord previous = readQuietly(records, record.arch());
    if (previous != null
        && previous.digest() != null
        && previous.imageId().equals(record.imageId())
        && previous.taggedReference().equals(record.taggedReference())) {
      return record.withDigest(previous.digest());
    }
    return record;
  }

  private static ImageRecord readQuietly(ImageRecords records, Architecture architecture) {
    try {
      return records.read(architecture);
    } catch (MissingImageRecordException | UncheckedIOException e) {
      return null;
    }
  }
}
