package io.github.lambdaimage.goal;

/**
 * A failure that knows whose it is: the project's (its configuration or code; Maven reports a build
 * failure) or the environment's (a tool, engine or service; Maven reports an execution error).
 */
public interface GoalFailure {

  /** True when fixing the project's configuration or code fixes it. */
  boolean isBuildFailure();
}
