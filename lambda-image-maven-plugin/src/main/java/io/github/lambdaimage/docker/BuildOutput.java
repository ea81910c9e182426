package io.github.lambdaimage.docker;

import io.github.lambdaimage.log.BuildLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The classic builder's output of one build, whichever client reads it: build steps ({@code Step
 * n/m : …}, Podman's {@code STEP n/m: …}) go to the log at info, all other output at debug; it
 * remembers the current step, the last lines of its output and the engine's error, so a failure
 * names all three.
 */
public final class BuildOutput {

  private static final int TAIL_LINES = 20;

  /** The classic builder colours a RUN step's stderr. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

  private final BuildLog log;
  private final Deque<String> tail = new ArrayDeque<>();
  private String step;
  private String error;

  BuildOutput(BuildLog log) {
    this.log = log;
  }

  /** A {@code stream} message: one or more lines of output. */
  public synchronized void stream(String text) {
    for (String raw : text.split("\n")) {
      accept(raw);
    }
  }

  /** An error message of the engine; the build has failed. */
  public synchronized void error(String message) {
    error = message;
  }

  /** The engine's error, if it reported one. */
  public synchronized String error() {
    return error;
  }

  private void accept(String raw) {
    String line = ANSI_ESCAPE.matcher(raw).replaceAll("").stripTrailing();
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("Step ") || line.startsWith("STEP ")) {
      step = line;
      tail.clear();
      log.info(line);
    } else {
      log.debug(line);
      if (isBuilderBookkeeping(line)) {
        return;
      }
      tail.addLast(line);
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
    }
  }

  private static boolean isBuilderBookkeeping(String line) {
    String trimmed = line.strip();
    return trimmed.startsWith("---> ") || trimmed.startsWith("Removing intermediate container");
  }

  /**
   * The failure of building {@code spec}: the step, the engine's error (else {@code fallback}) and
   * the tail of the step's output.
   */
  public synchronized ImageBuildException failure(
      BuildSpec spec, String fallback, Throwable cause) {
    StringBuilder message =
        new StringBuilder("Building ")
            .append(spec.description())
            .append(" for ")
            .append(spec.platform())
            .append(step == null ? " failed before the first step" : " failed at " + step)
            .append(": ")
            .append(error != null ? error : fallback);
    if (!tail.isEmpty()) {
      message.append("\nLast output of that step:\n  ").append(String.join("\n  ", tail));
    }
    message.append("\nRun with -X to see the whole build output.");
    return new ImageBuildException(message.toString(), cause);
  }
}
