package io.github.lambdaimage.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;

/**
 * Resolves docker-java (its core and its zero-dependency transport) at the version the plugin was
 * built with, when the engine's endpoint needs TLS or is a Windows named pipe.
 */
final class DockerJavaJars {

  private static final String GROUP_ID = "com.github.docker-java";

  private DockerJavaJars() {}

  /**
   * The jars.
   *
   * @throws io.github.lambdaimage.errors.EnvironmentException when they cannot be resolved
   */
  static List<Path> resolve(RepositorySystem system, MavenSession session, MavenProject project) {
    String version = RuntimeArtifacts.builtWithVersion("docker-java.version");
    return RuntimeArtifacts.files(
        RuntimeArtifacts.resolve(
            system,
            session,
            project,
            List.of(
                new Dependency(
                    new DefaultArtifact(GROUP_ID + ":docker-java-core:" + version), "runtime"),
                new Dependency(
                    new DefaultArtifact(GROUP_ID + ":docker-java-transport-zerodep:" + version),
                    "runtime")),
            "docker-java " + version + ", which the plugin loads for TLS engines and named pipes",
            ", or reach the engine over its unix socket or plain TCP on loopback."));
  }
}
