package io.github.lambdaimage.process;

import java.util.List;

/**
 * How a process ended.
 *
 * @param exitCode the exit status
 * @param stdout the last lines it wrote to standard output (at most {@link
 *     BoundedProcess#KEPT_LINES})
 * @param stderr the last lines it wrote to standard error
 */
public record ProcessResult(int exitCode, List<String> stdout, List<String> stderr) {

  /** True for exit status 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
