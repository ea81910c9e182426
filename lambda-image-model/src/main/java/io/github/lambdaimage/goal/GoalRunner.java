package io.github.lambdaimage.goal;

import io.github.lambdaimage.process.ProcessTimeoutException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * What every goal of both plugins does around its work, in one place and free of Maven: skipping
 * with a logged reason, and turning the core's failures into the two kinds the build tool reports
 * (a {@link GoalFailure} that is the project's becomes a build failure; any other {@link
 * GoalFailure}, an {@link UncheckedIOException} or a {@link ProcessTimeoutException} an execution
 * error). The build tool's exception types are passed in, so Maven stays in the mojos.
 *
 * @param <F> the build failure type, e.g. Maven's {@code MojoFailureException}
 * @param <E> the execution error type, e.g. Maven's {@code MojoExecutionException}
 */
public final class GoalRunner<F extends Exception, E extends Exception> {

  /** A goal's work. */
  @FunctionalInterface
  public interface Work<F extends Exception, E extends Exception> {
    /** Does the work. */
    void run() throws F, E;
  }

  /** Makes the build tool's exception from a message and a cause. */
  @FunctionalInterface
  public interface Reported<X extends Exception> {
    /** The exception reporting {@code message}. */
    X of(String message, Throwable cause);
  }

  private final String goal;
  private final Consumer<String> info;
  private final Reported<F> buildFailure;
  private final Reported<E> executionError;

  /**
   * @param goal the goal's full name for the skip message, e.g. {@code lambda-image:invoke}
   * @param info where the skip message goes
   * @param buildFailure makes a build failure
   * @param executionError makes an execution error
   */
  public GoalRunner(
      String goal, Consumer<String> info, Reported<F> buildFailure, Reported<E> executionError) {
    this.goal = goal;
    this.info = info;
    this.buildFailure = buildFailure;
    this.executionError = executionError;
  }

  /**
   * Logs {@code Skipping <goal>: <reason>.} when {@code skipReason} is not null, else runs {@code
   * work}, reporting the core's failures as described above.
   */
  public void run(String skipReason, Work<F, E> work) throws F, E {
    if (skipReason != null) {
      info.accept("Skipping " + goal + ": " + skipReason + ".");
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      if (e instanceof GoalFailure failure && failure.isBuildFailure()) {
        throw buildFailure.of(e.getMessage(), e);
      }
      if (e instanceof GoalFailure
          || e instanceof UncheckedIOException
          || e instanceof ProcessTimeoutException) {
        throw executionError.of(e.getMessage(), e);
      }
      throw e;
    }
  }

  /** The first non-null reason, or null: switches are checked in the order given. */
  public static String firstReason(String... reasons) {
    for (String reason : reasons) {
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /** {@code <property> is true} when {@code set}, else null. */
  public static String whenSet(boolean set, String property) {
    return set ? property + " is true" : null;
  }
}
