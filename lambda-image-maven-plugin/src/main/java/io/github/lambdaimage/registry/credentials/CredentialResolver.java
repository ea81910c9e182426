package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Asks credential sources in order, first found wins: normally Maven's {@code settings.xml}
 * servers, then the Docker CLI configuration, then Amazon ECR. Each registry is looked up once; the
 * log says which source answered, never the secret.
 */
public final class CredentialResolver implements RegistryCredentialProvider {

  private final List<RegistryCredentialProvider> sources;
  private final BuildLog log;
  private final Map<String, Optional<RegistryCredentials>> resolved = new ConcurrentHashMap<>();

  /**
   * A resolver.
   *
   * @param sources the sources, in order of precedence
   * @param log where the source used is reported
   */
  public CredentialResolver(List<RegistryCredentialProvider> sources, BuildLog log) {
    this.sources = List.copyOf(sources);
    this.log = log;
  }

  /**
   * The standard order: {@code settingsServers}, then the Docker CLI configuration of this
   * process's environment, then Amazon ECR with the AWS default credentials chain.
   *
   * @param settingsServers Maven's {@code settings.xml} servers, by registry host
   * @param awsSdkJars resolves the AWS SDK's jars when an ECR token is needed
   */
  public static CredentialResolver standard(
      RegistryCredentialProvider settingsServers, Supplier<List<Path>> awsSdkJars, BuildLog log) {
    return new CredentialResolver(
        List.of(
            settingsServers,
            DockerConfigCredentials.fromEnvironment(
                System.getenv(), Path.of(System.getProperty("user.home"))),
            EcrCredentials.usingDefaultAwsCredentials(awsSdkJars)),
        log);
  }

  @Override
  public Optional<RegistryCredentials> credentialsFor(String registry) {
    return resolved.computeIfAbsent(registry, this::lookUp);
  }

  private Optional<RegistryCredentials> lookUp(String registry) {
    for (RegistryCredentialProvider source : sources) {
      Optional<RegistryCredentials> found = source.credentialsFor(registry);
      if (found.isPresent()) {
        log.info("Registry " + registry + ": using " + found.get() + ".");
        return found;
      }
    }
    log.info(
        "Registry "
            + registry
            + ": no credentials found (searched "
            + searchedSources(registry)
            + "); accessing it anonymously.");
    return Optional.empty();
  }

  @Override
  public String searchedSources(String registry) {
    return sources.stream()
        .map(source -> source.searchedSources(registry))
        .filter(description -> !description.isEmpty())
        .collect(Collectors.joining(", "));
  }
}
