package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.InvalidConfigurationException;

/**
 * A registry refused access: missing, wrong or expired credentials. The message names the registry,
 * the credential source tried and what to do.
 */
public class RegistryAuthenticationException extends InvalidConfigurationException {

  /** A refusal described by {@code message}. */
  public RegistryAuthenticationException(String message) {
    super(message);
  }
}
