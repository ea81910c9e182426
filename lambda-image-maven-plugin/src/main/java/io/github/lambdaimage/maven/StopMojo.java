package io.github.lambdaimage.maven;

import io.github.lambdaimage.endpoint.LocalEndpoint;
import io.github.lambdaimage.endpoint.RunningEndpoints;
import io.github.lambdaimage.model.Architecture;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the local Lambda endpoint lambda-image:start started for this project and removes every
 * container it ran. Bind it to {@code post-integration-test}: failsafe's {@code integration-test}
 * goal records failures without failing the build, so this phase runs after failing tests too, and
 * failsafe's {@code verify} fails the build afterwards. Should Maven stop before this goal, a JVM
 * shutdown hook removes the containers, and the next lambda-image:start removes what a killed JVM
 * left behind.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractLambdaImageMojo {

  @Override
  protected void execute(List<Architecture> architectures) {
    Optional<LocalEndpoint> running =
        RunningEndpoints.remove(project.getBasedir().getAbsolutePath());
    if (running.isEmpty()) {
      getLog()
          .info("No Lambda endpoint runs for " + project.getArtifactId() + "; nothing to stop.");
      return;
    }
    LocalEndpoint endpoint = running.get();
    int containers = endpoint.containers();
    endpoint.close();
    getLog()
        .info(
            "Stopped the Lambda endpoint "
                + endpoint.url()
                + " and removed its "
                + containers
                + " container(s).");
  }
}
