package io.github.lambdaimage.push;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.LambdaImageException;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.RegistryAuthenticationException;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.TransientRegistryException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the engine's push error into the failure type that says whether to retry. */
final class PushFailures {

  private static final List<String> AUTHENTICATION =
      List.of(
          "unauthorized",
          "authentication required",
          "no basic auth credentials",
          "denied",
          "incorrect username or password");

  private static final List<String> TRANSIENT =
      List.of(
          "connection reset",
          "connection refused",
          "broken pipe",
          "eof",
          "i/o timeout",
          "timeout",
          "tls handshake",
          "toomanyrequests",
          "too many requests",
          "429",
          "500 internal server error",
          "502 bad gateway",
          "503 service unavailable",
          "504 gateway timeout",
          "unexpected http status: 5");

  private PushFailures() {}

  /** True when the engine's message describes a failure that may pass on its own. */
  static boolean isTransient(String engineMessage) {
    String lower = engineMessage.toLowerCase(Locale.ROOT);
    return TRANSIENT.stream().anyMatch(lower::contains) && !isAuthentication(engineMessage);
  }

  /** True when the registry refused the credentials or the lack of them. */
  static boolean isAuthentication(String engineMessage) {
    String lower = engineMessage.toLowerCase(Locale.ROOT);
    return AUTHENTICATION.stream().anyMatch(lower::contains);
  }

  /**
   * The failure for an engine error while pushing {@code reference}.
   *
   * @param tried the credentials the engine was given
   * @param provider where credentials were searched
   */
  static LambdaImageException classify(
      String engineMessage,
      ImageReference reference,
      Optional<RegistryCredentials> tried,
      RegistryCredentialProvider provider) {
    if (isAuthentication(engineMessage)) {
      return RegistryAuthenticationException.refused(reference, tried, provider, engineMessage);
    }
    String message =
        "Pushing "
            + reference
            + " to registry "
            + reference.registry()
            + " failed: "
            + engineMessage
            + ".";
    return isTransient(engineMessage)
        ? new TransientRegistryException(
            message + " Check that the registry is running and reachable.", null)
        : new EnvironmentException(message);
  }
}
