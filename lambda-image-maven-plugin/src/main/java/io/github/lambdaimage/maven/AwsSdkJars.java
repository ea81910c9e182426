package io.github.lambdaimage.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;

/**
 * Resolves the AWS SDK's ECR client and its URL-connection HTTP client (not the Netty or Apache
 * ones) at the version the plugin was built with, when a push needs an Amazon ECR token.
 */
final class AwsSdkJars {

  private static final String GROUP_ID = "software.amazon.awssdk";

  private AwsSdkJars() {}

  /**
   * The jars.
   *
   * @throws io.github.lambdaimage.errors.EnvironmentException when they cannot be resolved
   */
  static List<Path> resolve(RepositorySystem system, MavenSession session, MavenProject project) {
    String version = RuntimeArtifacts.builtWithVersion("aws-sdk.version");
    String ecr = GROUP_ID + ":ecr:" + version;
    List<Exclusion> otherHttpClients =
        List.of(
            new Exclusion(GROUP_ID, "netty-nio-client", "*", "*"),
            new Exclusion(GROUP_ID, "apache-client", "*", "*"));
    return RuntimeArtifacts.files(
        RuntimeArtifacts.resolve(
            system,
            session,
            project,
            List.of(
                new Dependency(new DefaultArtifact(ecr), "runtime", false, otherHttpClients),
                new Dependency(
                    new DefaultArtifact(GROUP_ID + ":url-connection-client:" + version),
                    "runtime")),
            "the AWS SDK ("
                + ecr
                + "), which the plugin loads to ask Amazon ECR for a registry token",
            ", or give the registry's credentials another way: a <server> in ~/.m2/settings.xml or"
                + " docker login."));
  }
}
