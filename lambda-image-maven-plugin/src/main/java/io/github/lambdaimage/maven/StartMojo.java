package io.github.lambdaimage.maven;

import io.github.lambdaimage.endpoint.LocalEndpoint;
import io.github.lambdaimage.endpoint.RunningEndpoints;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.invoke.FunctionFailedException;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a local Lambda endpoint for integration tests: one warm container per built image (as
 * lambda-image:invoke runs it: Lambda's environment, memory limit, read-only root, no AWS
 * credentials; a foreign architecture under QEMU), behind Lambda's Invoke API ({@code POST
 * /2015-03-31/functions/<name>/invocations}) on 127.0.0.1. The functions are named {@code
 * <functionName>-amd64} and {@code <functionName>-arm64}, or {@code <functionName>} when one
 * architecture is built.
 *
 * <p>Publishes the project properties {@code lambda.endpoint} ({@code http://127.0.0.1:<port>}, for
 * an SDK client's {@code endpointOverride}) and {@code lambda.endpoint.functions} (the names, comma
 * separated), e.g. for failsafe's {@code systemPropertyVariables}. Bind it to {@code
 * pre-integration-test} and lambda-image:stop to {@code post-integration-test}. Skipped, like
 * failsafe, when {@code skipTests}, {@code skipITs} or {@code maven.test.skip} is true.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractFunctionMojo {

  /** The port to serve on, on 127.0.0.1; 0 (the default) picks a free one. */
  @Parameter(property = PropertyNames.ENDPOINT_PORT, defaultValue = "0")
  private int port;

  /**
   * The most containers per function. One is started warm; while all are busy, another starts for a
   * new call until this many run, and beyond that calls wait in arrival order. The default 1 runs
   * calls to one function one after another.
   */
  @Parameter(property = PropertyNames.ENDPOINT_CONCURRENCY, defaultValue = "1")
  private int concurrency;

  /** Skips this goal; lambda-image:stop then has nothing to stop. */
  @Parameter(property = PropertyNames.SKIP_ENDPOINT, defaultValue = "false")
  private boolean skipEndpoint;

  /** failsafe's switch to skip integration tests; skips this goal too. */
  @Parameter(property = "skipITs", defaultValue = "false")
  private boolean skipITs;

  @Override
  protected String goalSkipReason() {
    String why = "the endpoint serves integration tests";
    return GoalRunner.firstReason(
        GoalRunner.whenSet(skipEndpoint, PropertyNames.SKIP_ENDPOINT),
        skipITs ? "skipITs is true and " + why : null,
        testSkipReason(why));
  }

  @Override
  protected void execute(List<Architecture> architectures) throws MojoFailureException {
    if (port < 0 || port > 65535) {
      throw new InvalidConfigurationException(
          "Invalid port (property "
              + PropertyNames.ENDPOINT_PORT
              + "): "
              + port
              + "; give 1 to 65535, or 0 for a free one.");
    }
    if (concurrency < 1) {
      throw new InvalidConfigurationException(
          "Invalid concurrency (property "
              + PropertyNames.ENDPOINT_CONCURRENCY
              + "): "
              + concurrency
              + "; give the most containers per function, at least 1.");
    }
    String owner = project.getBasedir().getAbsolutePath();
    if (RunningEndpoints.find(owner).isPresent()) {
      throw new MojoFailureException(
          "A Lambda endpoint already runs for "
              + project.getArtifactId()
              + ": bind lambda-image:stop (phase post-integration-test) before starting another.");
    }
    List<ImageRecord> images = readRecords(architectures);
    LocalEndpoint endpoint;
    try {
      endpoint =
          LocalEndpoint.start(
              keepEngineOpen(architectures),
              runtimeApiAddresses(),
              buildLog(),
              owner,
              images,
              functionSettings(),
              port,
              concurrency);
    } catch (FunctionFailedException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (!RunningEndpoints.register(owner, endpoint)) {
      endpoint.close();
      throw new MojoFailureException(
          "A Lambda endpoint was started for " + project.getArtifactId() + " at the same time.");
    }
    project.getProperties().setProperty(PropertyNames.ENDPOINT, endpoint.url());
    project
        .getProperties()
        .setProperty(PropertyNames.ENDPOINT_FUNCTIONS, String.join(",", endpoint.functionNames()));
    getLog()
        .info(
            "Lambda endpoint "
                + endpoint.url()
                + " serves "
                + String.join(", ", endpoint.functionNames())
                + " (at most "
                + concurrency
                + " container(s) each), published as ${"
                + PropertyNames.ENDPOINT
                + "}; lambda-image:stop removes the containers.");
  }
}
