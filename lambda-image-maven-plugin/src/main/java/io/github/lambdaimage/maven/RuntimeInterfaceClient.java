package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.LibraryJar;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves {@code com.amazonaws:aws-lambda-java-runtime-interface-client} and its runtime
 * dependencies through Maven's repositories, for {@code custom} runtime images.
 */
final class RuntimeInterfaceClient {

  static final String GROUP_ID = "com.amazonaws";
  static final String ARTIFACT_ID = "aws-lambda-java-runtime-interface-client";

  private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

  private RuntimeInterfaceClient() {}

  /** The version this plugin was built and tested with. */
  static String defaultVersion() {
    Properties versions = new Properties();
    try (InputStream in = RuntimeInterfaceClient.class.getResourceAsStream("versions.properties")) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions.getProperty("aws-lambda-ric.version");
  }

  /**
   * The client's jar and its runtime dependencies.
   *
   * @throws EnvironmentException when they cannot be resolved
   */
  static List<LibraryJar> resolve(
      RepositorySystem system, MavenSession session, MavenProject project, String version) {
    String coordinates = GROUP_ID + ":" + ARTIFACT_ID + ":" + version;
    CollectRequest collect =
        new CollectRequest(
            new Dependency(new DefaultArtifact(coordinates), "runtime"),
            project.getRemoteProjectRepositories());
    DependencyRequest request =
        new DependencyRequest(
            collect,
            (node, parents) ->
                node.getDependency() == null
                    || RUNTIME_SCOPES.contains(node.getDependency().getScope()));
    try {
      List<LibraryJar> jars = new ArrayList<>();
      for (ArtifactResult result :
          system
              .resolveDependencies(session.getRepositorySession(), request)
              .getArtifactResults()) {
        jars.add(ProjectJars.of(result.getArtifact()));
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
