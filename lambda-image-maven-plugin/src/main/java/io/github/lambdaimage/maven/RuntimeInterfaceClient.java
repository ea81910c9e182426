package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.LibraryJar;
import io.github.lambdaimage.errors.EnvironmentException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves {@code com.amazonaws:aws-lambda-java-runtime-interface-client} and its runtime
 * dependencies through Maven's repositories, for {@code custom} runtime images.
 */
final class RuntimeInterfaceClient {

  static final String GROUP_ID = "com.amazonaws";
  static final String ARTIFACT_ID = "aws-lambda-java-runtime-interface-client";

  private RuntimeInterfaceClient() {}

  /** The version this plugin was built and tested with. */
  static String defaultVersion() {
    return RuntimeArtifacts.builtWithVersion("aws-lambda-ric.version");
  }

  /**
   * The client's jar and its runtime dependencies.
   *
   * @throws EnvironmentException when they cannot be resolved
   */
  static List<LibraryJar> resolve(
      RepositorySystem system, MavenSession session, MavenProject project, String version) {
    String coordinates = GROUP_ID + ":" + ARTIFACT_ID + ":" + version;
    try {
      List<LibraryJar> jars = new ArrayList<>();
      for (Artifact artifact :
          RuntimeArtifacts.resolve(
              system,
              session,
              project,
              List.of(new Dependency(new DefaultArtifact(coordinates), "runtime")))) {
        jars.add(ProjectJars.of(artifact));
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new EnvironmentException(
          "Cannot resolve the runtime interface client "
              + coordinates
              + " for runtime=custom: "
              + e.getMessage()
              + ". Check the version (property "
              + PropertyNames.RUNTIME_INTERFACE_CLIENT_VERSION
              + ") and that a repository serving it is reachable; offline (-o), it must be in the"
              + " local repository already.",
          e);
    }
  }
}
