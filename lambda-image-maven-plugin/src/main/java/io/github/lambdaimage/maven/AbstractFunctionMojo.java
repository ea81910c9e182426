package io.github.lambdaimage.maven;

import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.invoke.FunctionEnvironment;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.RuntimeApiAddresses;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The function configuration shared by the goals that run built images: invoke, start. */
abstract class AbstractFunctionMojo extends AbstractLambdaImageMojo {

  /**
   * The function timeout in seconds (1 to 900). The runtime's deadline follows it; an invocation
   * that takes longer fails the build (invoke) or is answered with Lambda's timeout error (the
   * endpoint of start). The default is higher than Lambda's 3 s because a cold JVM under emulation
   * starts slowly.
   */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "30")
  private int timeout;

  /** The function's memory size in MB (128 to 10240); also the container's memory limit. */
  @Parameter(property = PropertyNames.MEMORY_SIZE, defaultValue = "512")
  private int memorySize;

  /** The function name the runtime sees ({@code AWS_LAMBDA_FUNCTION_NAME}, the function ARN). */
  @Parameter(property = PropertyNames.FUNCTION_NAME, defaultValue = "${project.artifactId}")
  private String functionName;

  /** The AWS region the runtime sees ({@code AWS_REGION}, the function ARN). */
  @Parameter(property = PropertyNames.REGION, defaultValue = FunctionSettings.DEFAULT_REGION)
  private String region;

  /**
   * Environment variables the function sees, on top of those Lambda sets (which cannot be
   * overridden), e.g. {@code <environment><TABLE_NAME>greetings</TABLE_NAME></environment>}. AWS
   * credentials ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
   * AWS_SESSION_TOKEN}) are refused unless {@code passAwsCredentials} is true.
   */
  @Parameter private Map<String, String> environment;

  /**
   * Allows AWS credential variables in {@code environment}. Off by default: a locally run function
   * has no AWS identity, and nothing from the build's own environment is passed.
   */
  @Parameter(property = PropertyNames.PASS_AWS_CREDENTIALS, defaultValue = "false")
  private boolean passAwsCredentials;

  /**
   * The one address of this machine the Runtime API listens on, for an engine that cannot reach
   * this machine's loopback (a remote {@code DOCKER_HOST}, a virtual machine without a forwarded
   * host name): an address of the interface that engine reaches. Never every interface; listening
   * beyond loopback lets that network reach the Runtime API while the function runs. Default {@code
   * 127.0.0.1}.
   */
  @Parameter(property = PropertyNames.RUNTIME_API_BIND)
  private String runtimeApiBind;

  /**
   * The host name or address the function's container calls the Runtime API at. Default: the {@code
   * lambda.runtimeApi.bind} address when that is set, else what the engine forwards to this machine
   * (127.0.0.1 on this host, host.docker.internal on Docker Desktop, host.lima.internal on colima
   * or Lima, host.containers.internal on a Podman machine).
   */
  @Parameter(property = PropertyNames.RUNTIME_API_HOST)
  private String runtimeApiHost;

  /**
   * Maven's switch to skip tests: running the function is a test, so {@code -DskipTests} skips this
   * goal too.
   */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Maven's switch to skip compiling and running tests; skips this goal too. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean mavenTestSkip;

  /** The configured function settings, validated. */
  protected FunctionSettings functionSettings() {
    return new FunctionSettings(
        functionName,
        memorySize,
        region,
        Duration.ofSeconds(timeout),
        FunctionEnvironment.checked(environment, passAwsCredentials));
  }

  /** Where the Runtime API listens and what the container calls it, as configured. */
  protected RuntimeApiAddresses runtimeApiAddresses() {
    return new RuntimeApiAddresses(runtimeApiBind, runtimeApiHost);
  }

  /**
   * Why Maven's test switches skip this goal, else null.
   *
   * @param why what makes the goal a test, e.g. {@code invoking the function is a test}
   */
  protected String testSkipReason(String why) {
    return GoalRunner.firstReason(
        skipTests ? "skipTests is true and " + why : null,
        mavenTestSkip ? "maven.test.skip is true and " + why : null);
  }

  /** The image records of {@code architectures}, written by lambda-image:build. */
  protected List<ImageRecord> readRecords(List<Architecture> architectures)
      throws MojoFailureException {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory());
    List<ImageRecord> images = new ArrayList<>();
    for (Architecture architecture : architectures) {
      try {
        images.add(records.read(architecture));
      } catch (MissingImageRecordException e) {
        throw new MojoFailureException(
            "No "
                + architecture
                + " image to "
                + (goal().equals("invoke") ? "invoke" : "run")
                + ": "
                + e.getMessage()
                + " lambda-image:"
                + goal()
                + " runs after lambda-image:build in the same build.",
            e);
      }
    }
    return images;
  }
}
