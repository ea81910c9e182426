package io.github.lambdaimage.context;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What goes into a build context besides the Dockerfile.
 *
 * @param dependencies the function's runtime dependency jars, by the file name they get in {@code
 *     lib/}
 * @param application the module's jar (placed in {@code app/lib/}) or its classes directory (copied
 *     to {@code app/})
 * @param runtime the runtime interface client's jars by file name, for {@code runtime/}; empty when
 *     the base image brings the runtime
 */
public record ContextInputs(
    Map<String, Path> dependencies, Path application, Map<String, Path> runtime) {

  /** Copies the maps in name order. */
  public ContextInputs {
    dependencies = new TreeMap<>(dependencies);
    runtime = new TreeMap<>(runtime);
  }
}
