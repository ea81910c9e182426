package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.docker.Engines;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a module's image for each requested architecture, each on its own engine, and writes each
 * verified image's {@code image.json}; {@code images.json} then lists the architectures this build
 * built, and no other. Architectures on different engines always build at the same time; on one
 * engine they do too, unless builds are asked to run one by one.
 */
public final class LambdaImageBuilder {

  private final Engines engines;
  private final BaseImageResolver baseImages;
  private final BuildLog log;
  private final boolean parallel;
  private final boolean splitDependencies;

  /**
   * @param engines each architecture's engine
   * @param baseImages pins base images per platform
   * @param log the build log
   * @param parallel build the architectures of one engine concurrently
   * @param splitDependencies build the dependencies in an image of their own, where the Dockerfile
   *     ends with {@code COPY app/}, so a code change sends only the code to the engine
   */
  public LambdaImageBuilder(
      Engines engines,
      BaseImageResolver baseImages,
      BuildLog log,
      boolean parallel,
      boolean splitDependencies) {
    this.splitDependencies = splitDependencies;
    this.engines = engines;
    this.baseImages = baseImages;
    this.log = log;
    this.parallel = parallel;
  }

  /**
   * Builds every architecture. Records of the architectures that succeeded are written, and listed
   * in {@code images.json}, even when another fails (its engine unreachable, its build broken);
   * each failure is logged with its architecture, nothing is written for it, and the first is
   * thrown.
   */
  public List<ArchitectureResult> build(ImageSettings settings, List<Architecture> architectures) {
    Dockerfiles.reportUnusedOverrides(settings, architectures, log);
    ImageRecords records = new ImageRecords(settings.outputDirectory());
    List<Callable<ArchitectureResult>> builds = new ArrayList<>();
    List<BuildLog> logs = new ArrayList<>();
    for (Architecture architecture : architectures) {
      BuildLog prefixed =
          architectures.size() > 1 ? PrefixedLog.of(log, "[" + architecture + "] ") : log;
      logs.add(prefixed);
      ArchitectureBuild build =
          new ArchitectureBuild(
              settings, architecture, baseImages, engines, prefixed, splitDependencies);
      builds.add(parallel ? build::run : () -> oneAtATimeOnItsEngine(architecture, build));
    }
    List<ArchitectureResult> results = new ArrayList<>();
    List<ImageRecord> built = new ArrayList<>();
    RuntimeException failure = null;
    List<Future<ArchitectureResult>> outcomes = start(builds);
    for (int i = 0; i < outcomes.size(); i++) {
      try {
        ArchitectureResult result = outcomes.get(i).get();
        built.add(keepDigestOfSameImage(records, result.record()));
        results.add(result);
      } catch (ExecutionException e) {
        RuntimeException cause = unwrap(e);
        if (architectures.size() > 1) {
          logs.get(i).warn("Failed: " + cause.getMessage());
        }
        failure = failure != null ? failure : cause;
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

  private ArchitectureResult oneAtATimeOnItsEngine(
      Architecture architecture, ArchitectureBuild build) {
    synchronized (engines.engineLock(architecture)) {
      return build.run();
    }
  }

  private static List<Future<ArchitectureResult>> start(List<Callable<ArchitectureResult>> builds) {
    ExecutorService executor = Executors.newFixedThreadPool(builds.size());
    try {
      List<Future<ArchitectureResult>> futures = new ArrayList<>();
      for (Callable<ArchitectureResult> build : builds) {
        futures.add(executor.submit(build));
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
    if (!Files.isRegularFile(records.imageFile(record.architecture()))) {
      return record;
    }
    ImageRecord previous = readQuietly(records, record.architecture());
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
