package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Optional;

/**
 * A registry refused access: missing, wrong or expired credentials. The message names the registry,
 * the credential source tried and what to do.
 */
public class RegistryAuthenticationException extends InvalidConfigurationException {

  /** A refusal described by {@code message}. */
  public RegistryAuthenticationException(String message) {
    super(message);
  }

  /**
   * The refusal of access to {@code reference}'s repository.
   *
   * @param tried the credentials sent, or empty when none were found
   * @param provider where credentials were searched, for the message when none were found
   * @param detail what the registry or engine said, or {@code null}
   */
  public static RegistryAuthenticationException refused(
      ImageReference reference,
      Optional<RegistryCredentials> tried,
      RegistryCredentialProvider provider,
      String detail) {
    String registry = reference.registry();
    String what =
        tried
            .map(c -> "rejected the credentials (" + c + ")")
            .orElse(
                "requires authentication and no credentials were found (searched: "
                    + provider.searchedSources(registry)
                    + ")");
    return new RegistryAuthenticationException(
        "Registry "
            + registry
            + " "
            + what
            + " for "
            + reference.name()
            + (detail == null ? "" : ": " + detail)
            + ". Add a <server> with <id>"
            + registry
            + "</id> and the right user name and password to ~/.m2/settings.xml, or run"
            + " 'docker login "
            + registry
            + "'.");
  }
}
