package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.cli.NodeRuntime;
import io.github.lambdaimage.cdk.synth.AppSynthesizer;
import io.github.lambdaimage.cdk.synth.CloudAssemblySummary;
import io.github.lambdaimage.cdk.synth.ContextAssembly;
import io.github.lambdaimage.cdk.synth.SynthRequest;
import io.github.lambdaimage.goal.GoalRunner;
import io.github.lambdaimage.log.BuildLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every cdk goal shares: skipping, Node.js, the CDK context, and synthesis of the module's app
 * into the cloud assembly directory.
 */
public abstract class AbstractCdkMojo extends AbstractMojo {

  private static final String SYNTHESIZED_KEY = "cdk-maven-plugin.synthesized:";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  protected MojoExecution mojoExecution;

  /** Skips the goal. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * The CDK app's main class: its {@code main} builds the stacks and calls {@code app.synth()}. It
   * runs in a forked JVM on the module's runtime classpath.
   */
  @Parameter(property = PropertyNames.MAIN_CLASS)
  protected String mainClass;

  /** The cloud assembly directory the app writes and the CLI reads. */
  @Parameter(property = PropertyNames.OUTPUT, defaultValue = "${project.build.directory}/cdk.out")
  protected File output;

  /**
   * CDK context for the app, e.g. {@code <lambda.function.memory>1024</lambda.function.memory>}.
   */
  @Parameter protected Map<String, String> context;

  /** Extra context as {@code key=value} pairs separated by commas; wins over every other source. */
  @Parameter(property = PropertyNames.CONTEXT)
  protected String contextPairs;

  /**
   * Project and command-line properties whose names start with one of these become context (command
   * line wins), so {@code -Dlambda.arch=arm64} reaches the app. Default: {@code lambda.}.
   */
  @Parameter protected List<String> forwardedPropertyPrefixes;

  /**
   * The Node.js executable. aws-cdk-lib's Java bindings run the library in Node.js while
   * synthesizing, and the AWS CDK CLI is a Node.js program.
   */
  @Parameter(property = PropertyNames.NODE, defaultValue = "node")
  protected String node;

  /**
   * Seconds the CDK app's synthesis JVM may run; past it, it is killed with its children (the jsii
   * Node.js process) and the build fails saying so.
   */
  @Parameter(property = PropertyNames.SYNTH_TIMEOUT, defaultValue = "900")
  protected int synthTimeout;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    new GoalRunner<>(
            "cdk:" + mojoExecution.getMojoDescriptor().getGoal(),
            getLog()::info,
            MojoFailureException::new,
            MojoExecutionException::new)
        .run(
            GoalRunner.whenSet(skip, PropertyNames.SKIP),
            () -> {
              NodeRuntime nodeRuntime =
                  NodeRuntime.detect(
                      node, project.getBasedir().toPath(), Duration.ofSeconds(synthTimeout));
              nodeRuntime.require(NodeRuntime.MINIMUM, "the AWS CDK");
              execute(
                  BuildLog.of(
                      getLog()::info, getLog()::warn, getLog()::debug, getLog()::isDebugEnabled),
                  nodeRuntime);
            });
  }

  /** The goal's work, after the skip check and the Node.js check. */
  protected abstract void execute(BuildLog log, NodeRuntime nodeRuntime)
      throws MojoExecutionException, MojoFailureException;

  /** The context passed to the app and the CLI. */
  protected Map<String, String> context() {
    List<String> prefixes =
        forwardedPropertyPrefixes == null ? List.of("lambda.") : forwardedPropertyPrefixes;
    return ContextAssembly.assemble(context, prefixes, session.getUserProperties(), contextPairs);
  }

  /** Runs the app into {@link #output} and logs what it wrote. */
  protected CloudAssemblySummary synthesize(BuildLog log, NodeRuntime nodeRuntime)
      throws MojoFailureException {
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    if (!Files.isDirectory(classes)) {
      throw new MojoFailureException(
          classes
              + " does not exist: compile the app first, e.g. ./mvnw -pl "
              + project.getArtifactId()
              + " compile "
              + mojoExecution.getMojoDescriptor().getFullGoalName());
    }
    SynthRequest request =
        new SynthRequest(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            runtimeClasspath(),
            mainClass,
            project.getBasedir().toPath(),
            output.toPath(),
            context(),
            nodeRuntime.executable(),
            Path.of(project.getBuild().getDirectory(), "cdk-tmp"),
            Duration.ofSeconds(synthTimeout));
    CloudAssemblySummary assembly = new AppSynthesizer(log).synthesize(request);
    project.setContextValue(SYNTHESIZED_KEY + output.getAbsolutePath(), Boolean.TRUE);
    log.info(
        "Cloud assembly "
            + assembly.directory()
            + " (schema "
            + assembly.schemaVersion()
            + "): "
            + assembly.stacks().size()
            + " stacks");
    assembly
        .stacks()
        .forEach(stack -> log.info("  " + stack.name() + " -> " + stack.templateFile()));
    return assembly;
  }

  /** True when an earlier goal of this build synthesized into {@link #output}. */
  protected boolean synthesizedInThisBuild() {
    return Boolean.TRUE.equals(project.getContextValue(SYNTHESIZED_KEY + output.getAbsolutePath()));
  }

  private List<String> runtimeClasspath() throws MojoFailureException {
    try {
      return project.getRuntimeClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoFailureException("The runtime classpath is not resolved: " + e.getMessage(), e);
    }
  }
}
