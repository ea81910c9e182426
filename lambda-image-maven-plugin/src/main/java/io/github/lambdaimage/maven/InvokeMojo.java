package io.github.lambdaimage.maven;

import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.invoke.FunctionEnvironment;
import io.github.lambdaimage.invoke.FunctionFailedException;
import io.github.lambdaimage.invoke.FunctionInvoker;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.InvocationEvent;
import io.github.lambdaimage.invoke.InvocationEvents;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs each built image ({@code target/lambda-image/<arch>/image.json}) as Lambda would, on its own
 * architecture (a foreign one under QEMU emulation), and sends it the configured event(s) through a
 * local Lambda Runtime API. Prints each response, the init and invocation times, and fails the
 * build with the function's own error when it throws, fails to initialise, times out or exits.
 *
 * <p>The container shares the host's network and reaches the Runtime API on 127.0.0.1 (on Docker
 * Desktop it uses host.docker.internal instead). It gets no AWS credentials, and it is always
 * removed afterwards.
 */
@Mojo(name = "invoke", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class InvokeMojo extends AbstractLambdaImageMojo {

  /**
   * The event to send: a JSON file, or a directory whose {@code *.json} files are sent in name
   * order to the same container (the first invocation is cold, the others warm). Without it the
   * function receives {@code {}}.
   */
  @Parameter(property = PropertyNames.EVENT)
  private File event;

  /**
   * The function timeout in seconds (1 to 900). The runtime's deadline follows it; an invocation
   * that takes longer fails the build. The default is higher than Lambda's 3 s because a cold JVM
   * under emulation starts slowly.
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
   * Allows AWS credential variables in {@code environment}. Off by default: a locally invoked
   * function has no AWS identity, and nothing from the build's own environment is passed.
   */
  @Parameter(property = PropertyNames.PASS_AWS_CREDENTIALS, defaultValue = "false")
  private boolean passAwsCredentials;

  /** Skips this goal, e.g. on a machine without Docker. */
  @Parameter(property = PropertyNames.SKIP_INVOKE, defaultValue = "false")
  private boolean skipInvoke;

  /**
   * Maven's switch to skip tests: invoking the function is a test, so {@code -DskipTests} skips
   * this goal too.
   */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Maven's switch to skip compiling and running tests; skips this goal too. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean mavenTestSkip;

  @Override
  protected String goalSkipReason() {
    return GoalRunner.firstReason(
        GoalRunner.whenSet(skipInvoke, PropertyNames.SKIP_INVOKE),
        skipTests ? "skipTests is true and invoking the function is a test" : null,
        mavenTestSkip ? "maven.test.skip is true and invoking the function is a test" : null);
  }

  @Override
  protected void execute(List<Architecture> architectures) throws MojoFailureException {
    FunctionSettings settings =
        new FunctionSettings(
            functionName,
            memorySize,
            region,
            Duration.ofSeconds(timeout),
            FunctionEnvironment.checked(environment, passAwsCredentials));
    List<InvocationEvent> events = InvocationEvents.load(event == null ? null : event.toPath());
    List<ImageRecord> images = readRecords(architectures);
    for (ImageRecord image : images) {
      try {
        new FunctionInvoker(engine(image.arch()), buildLog()).invoke(image, settings, events);
      } catch (FunctionFailedException e) {
        throw new MojoFailureException(e.getMessage(), e);
      }
    }
  }

  private List<ImageRecord> readRecords(List<Architecture> architectures)
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
                + " image to invoke: "
                + e.getMessage()
                + " lambda-image:invoke runs after lambda-image:build in the same build.",
            e);
      }
    }
    return images;
  }
}
