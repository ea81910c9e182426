package io.github.lambdaimage.cdk;

import io.github.lambdaimage.goal.GoalFailure;

/**
 * A failure of the CDK goals' core. The message is complete for the user: what went wrong, the
 * value, and what to do. {@link #kind()} tells the Maven layer how to report it.
 */
public class CdkException extends RuntimeException implements GoalFailure {

  /** What kind of failure this is. */
  public enum Kind {
    /** The configuration is wrong; fixing it fixes the build. */
    CONFIGURATION,
    /** Something outside the configuration is missing or broken: Node.js, npm, the JVM. */
    ENVIRONMENT,
    /** The CDK app or the AWS CDK CLI ran and reported an error. */
    TOOL_FAILED
  }

  private final Kind kind;

  /** A failure of {@code kind} described by {@code message}. */
  public CdkException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** A failure of {@code kind} described by {@code message}, caused by {@code cause}. */
  public CdkException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
  }

  /** A configuration mistake or a failing app or CLI run is the project's; the rest is not. */
  @Override
  public boolean isBuildFailure() {
    return kind != Kind.ENVIRONMENT;
  }
}
