package io.github.lambdaimage.maven;

import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.push.ImagePusher;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RetryPolicy;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes each architecture's built image ({@code target/lambda-image/<arch>/image.json}) to its
 * registry, checks that the registry serves it as a single-platform manifest of that architecture,
 * and records the manifest digest in {@code image.json} and {@code images.json}. Each image is
 * pushed from its architecture's engine (see {@code dockerHosts}), the one that holds it.
 *
 * <p>Registry credentials, first found wins: the {@code settings.xml} {@code <server>} whose id is
 * the registry host; the Docker configuration ({@code ~/.docker/config.json} or {@code
 * DOCKER_CONFIG}: {@code credHelpers}, {@code credsStore}, {@code auths}); for Amazon ECR hosts, a
 * token from the AWS default credentials chain.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractRegistryMojo {

  /** Skips this goal, e.g. to deploy without pushing images. */
  @Parameter(property = PropertyNames.SKIP_PUSH, defaultValue = "false")
  private boolean skipPush;

  @Override
  protected String goalSkipReason() {
    return skipPush ? PropertyNames.SKIP_PUSH + " is true" : null;
  }

  @Override
  protected void execute(List<Architecture> architectures) {
    BuildLog log = buildLog();
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory());
    RegistryClient registry = registryClient();
    for (Architecture architecture : architectures) {
      new ImagePusher(
              engine(architecture),
              registry,
              registryCredentials(),
              RetryPolicy.standard(),
              log,
              session.getRequest().isInteractiveMode())
          .push(records, architecture);
    }
  }
}
