package io.github.lambdaimage.maven;

import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Artifacts the plugin resolves when it needs them rather than carrying them in its own class path:
 * the runtime interface client for {@code custom} images, the AWS SDK for ECR tokens, docker-java
 * for TLS engines and named pipes.
 */
final class RuntimeArtifacts {

  private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

  private RuntimeArtifacts() {}

  /** The version of {@code name} in {@code versions.properties}: what the plugin was built with. */
  static String builtWithVersion(String name) {
    Properties versions = new Properties();
    try (InputStream in = RuntimeArtifacts.class.getResourceAsStream("versions.properties")) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions.getProperty(name);
  }

  /**
   * {@code roots} and their runtime dependencies, resolved through the project's repositories (the
   * local repository only, offline).
   *
   * @param what what is resolved and why, for the failure, e.g. {@code the AWS SDK (…), which …}
   * @param advice what to do when it cannot be resolved, beyond reaching a repository
   * @throws EnvironmentException naming {@code what}, the cause and the advice
   */
  static List<Artifact> resolve(
      RepositorySystem system,
      MavenSession session,
      MavenProject project,
      List<Dependency> roots,
      String what,
      String advice) {
    try {
      return resolve(system, session, project, roots);
    } catch (DependencyResolutionException e) {
      throw new EnvironmentException(
          "Cannot resolve "
              + what
              + ": "
              + e.getMessage()
              + ". Check that a repository serving it is reachable (offline, -o, it must be in the"
              + " local repository already)"
              + advice,
          e);
    }
  }

  /** The files of {@code artifacts}. */
  static List<Path> files(List<Artifact> artifacts) {
    return artifacts.stream().map(artifact -> artifact.getFile().toPath()).toList();
  }

  private static List<Artifact> resolve(
      RepositorySystem system, MavenSession session, MavenProject project, List<Dependency> roots)
      throws DependencyResolutionException {
    CollectRequest collect =
        new CollectRequest(roots, List.of(), project.getRemoteProjectRepositories());
    DependencyRequest request =
        new DependencyRequest(
            collect,
            (node, parents) ->
                node.getDependency() == null
                    || RUNTIME_SCOPES.contains(node.getDependency().getScope()));
    List<Artifact> artifacts = new ArrayList<>();
    for (ArtifactResult result :
        system.resolveDependencies(session.getRepositorySession(), request).getArtifactResults()) {
      artifacts.add(result.getArtifact());
    }
    return artifacts;
  }
}
