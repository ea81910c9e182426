package io.github.lambdaimage.maven;

import io.github.lambdaimage.errors.EnvironmentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves the AWS SDK's ECR client, the modules the default credentials chain loads for its other
 * sources ({@code sts} for assume-role profiles and web identity token files, {@code sso} and
 * {@code ssooidc} for AWS IAM Identity Center, as after {@code aws sso login}), and the
 * URL-connection HTTP client (not the Netty or Apache ones), all at the version the plugin was
 * built with, when a push needs an Amazon ECR token.
 */
final class AwsSdkJars {

  private static final String GROUP_ID = "software.amazon.awssdk";

  /** The service clients: ECR itself, then what the credentials chain needs. */
  static final List<String> SERVICES = List.of("ecr", "sts", "sso", "ssooidc");

  private AwsSdkJars() {}

  /**
   * The jars.
   *
   * @throws EnvironmentException when they cannot be resolved
   */
  static List<Path> resolve(RepositorySystem system, MavenSession session, MavenProject project) {
    String version = RuntimeArtifacts.builtWithVersion("aws-sdk.version");
    String ecr = GROUP_ID + ":ecr:" + version;
    List<Exclusion> otherHttpClients =
        List.of(
            new Exclusion(GROUP_ID, "netty-nio-client", "*", "*"),
            new Exclusion(GROUP_ID, "apache-client", "*", "*"));
    List<Dependency> dependencies = new ArrayList<>();
    for (String service : SERVICES) {
      dependencies.add(
          new Dependency(
              new DefaultArtifact(GROUP_ID + ":" + service + ":" + version),
              "runtime",
              false,
              otherHttpClients));
    }
    dependencies.add(
        new Dependency(
            new DefaultArtifact(GROUP_ID + ":url-connection-client:" + version), "runtime"));
    try {
      List<Path> jars = new ArrayList<>();
      for (Artifact artifact : RuntimeArtifacts.resolve(system, session, project, dependencies)) {
        jars.add(artifact.getFile().toPath());
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new EnvironmentException(
          "Cannot resolve the AWS SDK ("
              + ecr
              + "), which the plugin loads to ask Amazon ECR for a registry token: "
              + e.getMessage()
              + ". Check that a repository serving it is reachable (offline, -o, it must be in the"
              + " local repository already), or give the registry's credentials another way: a"
              + " <server> in ~/.m2/settings.xml or docker login.",
          e);
    }
  }
}
