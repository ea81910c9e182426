package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.LibraryJar;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;

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
   * @throws io.github.lambdaimage.errors.EnvironmentException when they cannot be resolved
   */
  static List<LibraryJar> resolve(
      RepositorySystem system, MavenSession session, MavenProject project, String version) {
    String coordinates = GROUP_ID + ":" + ARTIFACT_ID + ":" + version;
    return RuntimeArtifacts.resolve(
            system,
            session,
            project,
            List.of(new Dependency(new DefaultArtifact(coordinates), "runtime")),
            "the runtime interface client " + coordinates + " for runtime=custom",
            ", and the version (property " + PropertyNames.RUNTIME_INTERFACE_CLIENT_VERSION + ").")
        .stream()
        .map(ProjectJars::of)
        .toList();
  }
}
