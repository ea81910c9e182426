package io.github.lambdaimage.cdk;

/**
 * Every user property the CDK goals read ({@code -Dname=value}); each is also a {@code
 * <configuration>} element named like the mojo parameter.
 */
public final class PropertyNames {

  /** Skip every cdk goal. */
  public static final String SKIP = "cdk.skip";

  /** The CDK app's main class, run by {@code cdk:synth}. */
  public static final String MAIN_CLASS = "cdk.mainClass";

  /** The cloud assembly directory, {@code target/cdk.out} by default. */
  public static final String OUTPUT = "cdk.output";

  /** Extra CDK context, {@code key=value} pairs separated by commas. */
  public static final String CONTEXT = "cdk.context";

  /** The Node.js executable. */
  public static final String NODE = "cdk.node";

  /** The npm executable that installs the CLI. */
  public static final String NPM = "cdk.npm";

  /** The AWS CDK CLI version (npm package {@code aws-cdk}). */
  public static final String CLI_VERSION = "cdk.cliVersion";

  /** An AWS CDK CLI executable to run instead of installing one. */
  public static final String EXECUTABLE = "cdk.executable";

  /** Where installed CLI versions are kept. */
  public static final String CLI_DIRECTORY = "cdk.cliDirectory";

  /** Stack names (or patterns) for the CLI, comma-separated; all stacks when empty. */
  public static final String STACKS = "cdk.stacks";

  /**
   * The CLI's {@code --require-approval}: {@code never}, {@code any-change}, {@code broadening}.
   */
  public static final String REQUIRE_APPROVAL = "cdk.requireApproval";

  /** The AWS profile for the CLI. */
  public static final String PROFILE = "cdk.profile";

  /** The AWS region for the CLI. */
  public static final String REGION = "cdk.region";

  /** Whether CLI goals synthesize first; {@code false} reuses the existing assembly. */
  public static final String SYNTH = "cdk.synth";

  /** Seconds one AWS CDK CLI run may take before it is killed with its children. */
  public static final String CLI_TIMEOUT = "cdk.cliTimeout";

  /** Seconds the npm install of the CLI may take before it is killed with its children. */
  public static final String NPM_TIMEOUT = "cdk.npmTimeout";

  /** Seconds the CDK app's synthesis JVM may take before it is killed with its children. */
  public static final String SYNTH_TIMEOUT = "cdk.synthTimeout";

  /** Confirms {@code cdk:destroy}. */
  public static final String FORCE = "cdk.force";

  private PropertyNames() {}
}
