package io.github.lambdaimage.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalRunnerTest {

  static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static final class Error extends Exception {
    Error(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static final class Core extends RuntimeException implements GoalFailure {
    private final boolean project;

    Core(String message, boolean project) {
      super(message);
      this.project = project;
    }

    @Override
    public boolean isBuildFailure() {
      return project;
    }
  }

  private final List<String> log = new ArrayList<>();
  private final GoalRunner<Failure, Error> runner =
      new GoalRunner<>("x:goal", log::add, Failure::new, Error::new);

  @Test
  void aSkippedGoalLogsItsReasonAndDoesNothing() throws Exception {
    List<String> ran = new ArrayList<>();

    runner.run(
        GoalRunner.firstReason(
            GoalRunner.whenSet(false, "x.skip"), GoalRunner.whenSet(true, "skipTests")),
        () -> ran.add("work"));

    assertThat(log).containsExactly("Skipping x:goal: skipTests is true.");
    assertThat(ran).isEmpty();
  }

  @Test
  void theProjectsFailureIsABuildFailureAndTheEnvironmentsAnError() {
    assertThatThrownBy(
            () ->
                runner.run(
                    null,
                    () -> {
                      throw new Core("bad value", true);
                    }))
        .isInstanceOf(Failure.class)
        .hasMessage("bad value");
    assertThatThrownBy(
            () ->
                runner.run(
                    null,
                    () -> {
                      throw new Core("engine down", false);
                    }))
        .isInstanceOf(Error.class)
        .hasMessage("engine down");
    assertThatThrownBy(
            () ->
                runner.run(
                    null,
                    () -> {
                      throw new UncheckedIOException("disk full", new IOException("disk full"));
                    }))
        .isInstanceOf(Error.class)
        .hasMessage("disk full");
  }

  @Test
  void anUnknownRuntimeExceptionIsNotDisguised() {
    assertThatThrownBy(
            () ->
                runner.run(
                    null,
                    () -> {
                      throw new IllegalStateException("bug");
                    }))
        .isExactlyInstanceOf(IllegalStateException.class);
  }
}
