package io.github.lambdaimage.maven;

import io.github.lambdaimage.build.ArchitectureResult;
import io.github.lambdaimage.build.LambdaImageBuilder;
import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.context.LibraryJar;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Builds the module's Lambda container image for each architecture in {@code lambda.arch}: renders
 * a single-platform Dockerfile, assembles a context of only the module's jar, its runtime
 * dependencies (and the runtime interface client in {@code custom} mode), builds it on the Docker
 * Engine with that platform, checks the built image's architecture, tags it {@code
 * <repository>:<tag>-<arch>} and writes {@code target/lambda-image/<arch>/image.json}. An image
 * with the same inputs under that tag is reused ("up to date").
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractImageMojo {

  /** Skips the build goal. */
  @Parameter(property = PropertyNames.SKIP_BUILD, defaultValue = "false")
  private boolean skipBuild;

  /**
   * The version of {@code com.amazonaws:aws-lambda-java-runtime-interface-client} added to {@code
   * custom} runtime images. Default: the version this plugin was built with.
   */
  @Parameter(property = PropertyNames.RUNTIME_INTERFACE_CLIENT_VERSION)
  private String runtimeInterfaceClientVersion;

  /** Build several architectures at the same time; {@code false} builds them one by one. */
  @Parameter(property = "lambda.build.parallel", defaultValue = "true")
  private boolean parallel;

  @Component private RepositorySystem repositorySystem;

  @Override
  protected String goalSkipReason() {
    return skipBuild ? PropertyNames.SKIP_BUILD + " is true" : null;
  }

  @Override
  protected void execute(List<Architecture> architectures) {
    long start = System.nanoTime();
    connectEngineInBackground();
    ContextInputs inputs =
        new ContextInputs(
            LibraryJar.byFileName(dependencies()),
            application(),
            runtimeMode().addsRuntimeInterfaceClient()
                ? LibraryJar.byFileName(runtimeInterfaceClient())
                : Map.of());
    List<ArchitectureResult> results =
        new LambdaImageBuilder(this::engine, baseImageResolver(), buildLog(), parallel)
            .build(imageSettings(inputs), architectures);
    getLog()
        .info(
            "lambda-image:build took "
                + (System.nanoTime() - start) / 1_000_000
                + " ms ("
                + results.stream()
                    .map(ArchitectureResult::summary)
                    .collect(Collectors.joining(", "))
                + ")");
  }

  private List<LibraryJar> dependencies() {
    List<LibraryJar> jars = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (!Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME).contains(artifact.getScope())
          || !"jar".equals(artifact.getType())) {
        continue;
      }
      File file = artifact.getFile();
      if (file == null || !file.isFile()) {
        throw new InvalidConfigurationException(
            "Dependency "
                + artifact.getId()
                + " has no jar yet ("
                + file
                + "); run the package phase for the whole reactor, e.g. ./mvnw package.");
      }
      jars.add(
          new LibraryJar(
              artifact.getGroupId(),
              artifact.getArtifactId(),
              artifact.getBaseVersion(),
              artifact.getClassifier(),
              file.toPath()));
    }
    return jars;
  }

  private Path application() {
    File jar = project.getArtifact().getFile();
    if (jar != null && jar.isFile()) {
      return jar.toPath();
    }
    File classes = new File(project.getBuild().getOutputDirectory());
    if (classes.isDirectory()) {
      return classes.toPath();
    }
    throw new InvalidConfigurationException(
        "Module "
            + project.getArtifactId()
            + " has neither a jar nor compiled classes to put in the image; bind lambda-image:build"
            + " to the package phase (the default) and run ./mvnw package.");
  }

  private List<LibraryJar> runtimeInterfaceClient() {
    String version =
        runtimeInterfaceClientVersion != null
            ? runtimeInterfaceClientVersion
            : RuntimeInterfaceClient.defaultVersion();
    return RuntimeInterfaceClient.resolve(repositorySystem, session, project, version);
  }
}
