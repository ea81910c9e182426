package io.github.lambdaimage.maven;

import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.invoke.FunctionFailedException;
import io.github.lambdaimage.invoke.FunctionInvoker;
import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.invoke.InvocationEvent;
import io.github.lambdaimage.invoke.InvocationEvents;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.io.File;
import java.util.List;
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
 * <p>The container runs as Lambda runs functions: as an unprivileged user (uid 993, gid 990),
 * without capabilities or a way to gain privileges, with at most 1024 processes and threads, a
 * read-only root file system and a writable /tmp. It gets no AWS credentials, and it is always
 * removed afterwards.
 *
 * <p>The Runtime API listens on 127.0.0.1. A container of an engine on this host shares its network
 * and calls 127.0.0.1; Docker Desktop, colima/Lima and a Podman machine forward a host name to this
 * machine (host.docker.internal, host.lima.internal, host.containers.internal). For any other
 * engine (a remote DOCKER_HOST) set {@code lambda.runtimeApi.bind} and {@code
 * lambda.runtimeApi.host}.
 */
@Mojo(name = "invoke", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class InvokeMojo extends AbstractFunctionMojo {

  /**
   * The event to send: a JSON file, or a directory whose {@code *.json} files are sent in name
   * order to the same container (the first invocation is cold, the others warm). Without it the
   * function receives {@code {}}.
   */
  @Parameter(property = PropertyNames.EVENT)
  private File event;

  /** Skips this goal, e.g. on a machine without Docker. */
  @Parameter(property = PropertyNames.SKIP_INVOKE, defaultValue = "false")
  private boolean skipInvoke;

  @Override
  protected String goalSkipReason() {
    return GoalRunner.firstReason(
        GoalRunner.whenSet(skipInvoke, PropertyNames.SKIP_INVOKE),
        testSkipReason("invoking the function is a test"));
  }

  @Override
  protected void execute(List<Architecture> architectures) throws MojoFailureException {
    FunctionSettings settings = functionSettings();
    List<InvocationEvent> events = InvocationEvents.load(event == null ? null : event.toPath());
    List<ImageRecord> images = readRecords(architectures);
    for (ImageRecord image : images) {
      try {
        new FunctionInvoker(engine(image.architecture()), buildLog(), runtimeApiAddresses())
            .invoke(image, settings, events);
      } catch (FunctionFailedException e) {
        throw new MojoFailureException(e.getMessage(), e);
      }
    }
  }
}
