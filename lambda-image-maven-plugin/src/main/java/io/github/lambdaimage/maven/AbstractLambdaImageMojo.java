package io.github.lambdaimage.maven;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.DockerJavaLoader;
import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineEndpointResolver;
import io.github.lambdaimage.docker.EngineUnreachableException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  /** Resolves what the plugin loads on demand. */
  @Component protected RepositorySystem repositorySystem;

  private DockerEngine engine;
  private EngineEndpoint endpoint;

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
   * The Docker Engine, connected on first use and closed when the goal ends: plain requests over a
   * unix socket or plain TCP, docker-java (resolved now) for TLS and named pipes.
   *
   * @throws io.github.lambdaimage.docker.EngineUnreachableException when it does not answer
   */
  protected synchronized DockerEngine engine() {
    if (engine == null) {
      if (engineTimeout < 1) {
        throw new InvalidConfigurationException(
            "Invalid engineTimeout (property "
                + PropertyNames.ENGINE_TIMEOUT
                + "): "
                + engineTimeout
                + "; give the seconds an engine request may stay idle, e.g. 300.");
      }
      EngineEndpoint where = engineEndpoint();
      engine =
          DockerEngine.connect(
              where,
              Duration.ofSeconds(engineTimeout),
              new DockerJavaLoader(
                  () -> DockerJavaJars.resolve(repositorySystem, session, project),
                  getClass().getClassLoader()));
      getLog().debug("Docker Engine at " + where.host() + " (chosen by " + where.source() + ")");
    }
    return engine;
  }

  /** Where the engine is: {@code DOCKER_HOST}, the Docker context, or the default socket. */
  protected synchronized EngineEndpoint engineEndpoint() {
    if (endpoint == null) {
      endpoint = EngineEndpointResolver.fromSystem().resolve();
    }
    return endpoint;
  }

  private void closeEngine() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
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
