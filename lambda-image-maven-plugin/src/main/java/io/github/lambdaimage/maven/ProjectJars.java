package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.LibraryJar;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.artifact.Artifact;

/** The module's own code and jars as the build context needs them. */
final class ProjectJars {

  private static final Set<String> RUNTIME_SCOPES =
      Set.of(
          org.apache.maven.artifact.Artifact.SCOPE_COMPILE,
          org.apache.maven.artifact.Artifact.SCOPE_RUNTIME);

  private ProjectJars() {}

  /**
   * The module's compile and runtime dependency jars.
   *
   * @throws InvalidConfigurationException when one has no jar yet (a reactor module not packaged)
   */
  static List<LibraryJar> runtimeDependencies(MavenProject project) {
    List<LibraryJar> jars = new ArrayList<>();
    for (org.apache.maven.artifact.Artifact artifact : project.getArtifacts()) {
      if (!RUNTIME_SCOPES.contains(artifact.getScope()) || !"jar".equals(artifact.getType())) {
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
      jars.add(of(RepositoryUtils.toArtifact(artifact)));
    }
    return jars;
  }

  /**
   * The module's jar, or its classes directory when there is no jar yet.
   *
   * @throws InvalidConfigurationException when there is neither
   */
  static Path application(MavenProject project) {
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

  /** A resolved artifact as a library jar. */
  static LibraryJar of(Artifact artifact) {
    return new LibraryJar(
        artifact.getGroupId(),
        artifact.getArtifactId(),
        artifact.getBaseVersion(),
        artifact.getClassifier(),
        artifact.getFile().toPath());
  }
}
