package io.github.lambdaimage.maven;

import io.github.lambdaimage.docker.ArchitectureEndpoints;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.DockerJavaLoader;
import io.github.lambdaimage.docker.EngineEndpointResolver;
import io.github.lambdaimage.docker.EngineUnreachableException;
import io.github.lambdaimage.docker.Engines;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * What every lambda-image goal shares: skipping with a logged reason, the architecture list, a
 * lazily opened Docker Engine connection that is always closed, and turning the core's typed
 * exceptions into Maven's (configuration mistakes fail the build, environment faults are errors).
 *
 * <p>A goal implements {@link #execute(List)} and, if it has its own skip switch, {@link
 * #goalSkipReason()}.
 */
public abstract class AbstractLambdaImageMojo extends AbstractMojo {

  /**
   * The CPU architectures to build for, as a comma-separated list: {@code amd64}, {@code arm64}, or
   * {@code amd64,arm64}; aliases {@code x86_64} and {@code aarch64} are accepted. The default is
   * {@code amd64}, Lambda's own default, whatever the machine running Maven is.
   */
  @Parameter(property = PropertyNames.ARCH, defaultValue = "amd64")
  private String arch;

  /** Skips every lambda-image goal. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** The Maven session: offline mode, update policy. */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * How long, in seconds, a request to the Docker Engine may go without a byte from it before the
   * goal fails naming what stalled. A build or push that keeps streaming output is not idle; raise
   * it for build steps that print nothing for longer.
   */
  @Parameter(property = PropertyNames.ENGINE_TIMEOUT, defaultValue = "300")
  private int engineTimeout;

  /**
   * An engine per architecture, e.g. {@code <dockerHosts><arm64>tcp://graviton.example:2376
   * </arm64></dockerHosts>}: that architecture's base image pull, build, check, up-to-date test,
   * invoke and push all happen there, and {@code image.json} records the engine's address. Keys are
   * {@code amd64} and {@code arm64} (aliases are refused); an architecture without one uses the
   * default engine ({@code DOCKER_HOST}, the Docker context, the default socket). The same as the
   * properties {@code lambda.dockerHost.<arch>}; TLS per architecture: {@code
   * lambda.dockerCertPath.<arch>} (a directory with {@code ca.pem}, {@code cert.pem}, {@code
   * key.pem}; TLS is then verified) and {@code lambda.dockerTlsVerify.<arch>}. Builds on different
   * engines run at the same time.
   */
  @Parameter private Map<String, String> dockerHosts;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  /**
   * Resolves what the plugin loads on demand: docker-java for TLS engines, the AWS SDK for ECR
   * tokens, the runtime interface client. Declared once: a subclass field of the same name would be
   * injected instead of this one.
   */
  @Component protected RepositorySystem repositorySystem;

  private Engines engines;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    new GoalRunner<>(
            "lambda-image:" + goal(),
            getLog()::info,
            MojoFailureException::new,
            MojoExecutionException::new)
        .run(
            GoalRunner.firstReason(GoalRunner.whenSet(skip, PropertyNames.SKIP), goalSkipReason()),
            () -> {
              try {
                execute(architectures());
              } catch (EngineUnreachableException e) {
                throw new EngineUnreachableException(
                    e.getMessage()
                        + " To build without images (e.g. on a machine without Docker), skip the"
                        + " lambda-image goals with -D"
                        + PropertyNames.SKIP
                        + "=true.",
                    e.getCause());
              } finally {
                closeEngine();
              }
            });
  }

  /**
   * Runs the goal for the requested architectures.
   *
   * @param architectures the parsed {@code lambda.arch}, in the given order, without duplicates
   */
  protected abstract void execute(List<Architecture> architectures)
      throws MojoExecutionException, MojoFailureException;

  /**
   * Why this goal is skipped by its own switch (e.g. {@code lambda.skip.build is true}), else null.
   */
  protected String goalSkipReason() {
    return null;
  }

  /**
   * {@code architecture}'s Docker Engine, connected on first use and closed when the goal ends: its
   * own ({@code lambda.dockerHost.<arch>}, {@code <dockerHosts>}) or the default one. Plain
   * requests over a unix socket or plain TCP, docker-java (resolved now) for TLS and named pipes.
   *
   * @throws io.github.lambdaimage.docker.EngineUnreachableException when it does not answer
   */
  protected DockerEngine engine(Architecture architecture) {
    return engines().of(architecture);
  }

  /** Every architecture's engine, one client per distinct endpoint, closed when the goal ends. */
  protected synchronized Engines engines() {
    if (engines == null) {
      if (engineTimeout < 1) {
        throw new InvalidConfigurationException(
            "Invalid engineTimeout (property "
                + PropertyNames.ENGINE_TIMEOUT
                + "): "
                + engineTimeout
                + "; give the seconds an engine request may stay idle, e.g. 300.");
      }
      engines =
          new Engines(
              ArchitectureEndpoints.of(
                  properties(), dockerHosts, () -> EngineEndpointResolver.fromSystem().resolve()),
              Duration.ofSeconds(engineTimeout),
              new DockerJavaLoader(
                  () -> DockerJavaJars.resolve(repositorySystem, session, project),
                  getClass().getClassLoader()));
    }
    return engines;
  }

  private synchronized void closeEngine() {
    if (engines != null) {
      engines.close();
      engines = null;
    }
  }

  /**
   * Hands the engine of {@code architectures} over to the caller, who closes it: for a goal that
   * leaves containers running after it ends (lambda-image:start). They must share one engine.
   *
   * @throws InvalidConfigurationException when they are on different engines
   */
  protected synchronized DockerEngine keepEngineOpen(List<Architecture> architectures) {
    List<String> hosts =
        architectures.stream().map(a -> a + " on " + engines().endpoint(a).host()).toList();
    if (architectures.stream().map(a -> engines().endpoint(a).host()).distinct().count() > 1) {
      throw new InvalidConfigurationException(
          "lambda-image:"
              + goal()
              + " serves the images of one engine, but "
              + String.join(", ", hosts)
              + ": run it for one architecture at a time, e.g. -D"
              + PropertyNames.ARCH
              + "="
              + architectures.get(0)
              + ".");
    }
    return engines().detach(architectures.get(0));
  }

  /** The project's properties, overridden by the user's ({@code -D}). */
  protected Map<String, String> properties() {
    Map<String, String> properties = new TreeMap<>();
    for (Properties source : List.of(project.getProperties(), session.getUserProperties())) {
      source.stringPropertyNames().forEach(name -> properties.put(name, source.getProperty(name)));
    }
    return properties;
  }

  /** The core's view of Maven's log. */
  protected BuildLog buildLog() {
    return BuildLog.of(getLog()::info, getLog()::warn, getLog()::debug, getLog()::isDebugEnabled);
  }

  /** The goal's name, e.g. {@code build}. */
  protected String goal() {
    return mojoExecution.getGoal();
  }

  /** The module's build directory, normally {@code target}. */
  protected Path buildDirectory() {
    return Path.of(project.getBuild().getDirectory());
  }

  private List<Architecture> architectures() {
    try {
      return Architecture.parseList(arch);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          "Invalid <arch> (property " + PropertyNames.ARCH + "): " + e.getMessage(), e);
    }
  }
}
