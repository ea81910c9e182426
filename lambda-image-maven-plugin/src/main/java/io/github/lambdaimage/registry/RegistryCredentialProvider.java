package io.github.lambdaimage.registry;

import java.util.Optional;

/** Finds credentials for a registry host; an empty result means anonymous access. */
@FunctionalInterface
public interface RegistryCredentialProvider {

  /**
   * The credentials for {@code registry}.
   *
   * @param registry the registry host with optional port, as in {@link ImageReference#registry()}
   */
  Optional<RegistryCredentials> credentialsFor(String registry);

  /** Where this provider looks for {@code registry}'s credentials, for error messages. */
  default String searchedSources(String registry) {
    return "no credential sources";
  }

  /** A provider that never has credentials. */
  static RegistryCredentialProvider anonymous() {
    return registry -> Optional.empty();
  }
}
