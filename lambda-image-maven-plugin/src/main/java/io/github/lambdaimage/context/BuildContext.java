package io.github.lambdaimage.context;

import java.nio.file.Path;
import java.util.SortedMap;

/**
 * An assembled build context directory.
 *
 * @param directory the context directory, {@code target/lambda-image/<arch>/context}
 * @param files every file's path relative to {@code directory} ({@code /}-separated) and the hex
 *     SHA-256 of its content, in path order
 * @param copied how many files were (re)written by the assembly; 0 when nothing changed
 */
public record BuildContext(Path directory, SortedMap<String, String> files, int copied) {

  /** The rendered Dockerfile's file name. */
  public static final String DOCKERFILE = "Dockerfile";

  /** The directory of the dependency jars, copied to {@code /var/task/lib}. */
  public static final String LIB = "lib";

  /** The directory of the application's code, copied to {@code /var/task}. */
  public static final String APP = "app";

  /** The directory of the runtime interface client's jars, copied to {@code /var/runtime/lib}. */
  public static final String RUNTIME = "runtime";
}
