package io.github.lambdaimage.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.LambdaImageException;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.RegistryAuthenticationException;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.TransientRegistryException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushFailuresTest {

  private static final ImageReference IMAGE = ImageReference.parse("127.0.0.1:5001/app:1-amd64");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Put \"http://127.0.0.1:5001/v2/app/blobs/uploads/x\": read tcp: connection reset by peer"
            + "| transient",
        "Get \"http://127.0.0.1:5001/v2/\": dial tcp 127.0.0.1:5001: connect: connection refused"
            + "| transient",
        "received unexpected HTTP status: 503 Service Unavailable| transient",
        "toomanyrequests: too many requests| transient",
        "Patch \"http://x/v2/app/blobs/uploads/y\": EOF| transient",
        "net/http: TLS handshake timeout| transient",
        "unauthorized: authentication required| authentication",
        "no basic auth credentials| authentication",
        "denied: requested access to the resource is denied| authentication",
        "manifest invalid: manifest invalid| other",
        "name unknown: repository name not known to registry| other",
      })
  void classifiesEngineErrors(String message, String kind) {
    LambdaImageException failure =
        PushFailures.classify(
            message, IMAGE, Optional.empty(), RegistryCredentialProvider.anonymous());

    switch (kind) {
      case "transient" -> assertThat(failure).isInstanceOf(TransientRegistryException.class);
      case "authentication" ->
          assertThat(failure).isInstanceOf(RegistryAuthenticationException.class);
      default ->
          assertThat(failure)
              .isExactlyInstanceOf(EnvironmentException.class)
              .hasMessage(
                  "Pushing 127.0.0.1:5001/app:1-amd64 to registry 127.0.0.1:5001 failed: "
                      + message
                      + ".");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true| Registry 127.0.0.1:5001 rejected the credentials (user 'alice' from settings.xml"
            + " <server> '127.0.0.1:5001') for 127.0.0.1:5001/app: unauthorized: authentication"
            + " required. Add a <server> with <id>127.0.0.1:5001</id> and the right user name and"
            + " password to ~/.m2/settings.xml, or run 'docker login 127.0.0.1:5001'.",
        "false| Registry 127.0.0.1:5001 requires authentication and no credentials were found"
            + " (searched: no credential sources) for 127.0.0.1:5001/app: unauthorized:"
            + " authentication required. Add a <server> with <id>127.0.0.1:5001</id> and the right"
            + " user name and password to ~/.m2/settings.xml, or run 'docker login"
            + " 127.0.0.1:5001'.",
      })
  void authenticationFailureNamesTheSourceTriedAndWhatToDo(boolean tried, String message) {
    Optional<RegistryCredentials> credentials =
        tried
            ? Optional.of(
                RegistryCredentials.basic(
                    "alice", "wrong", "settings.xml <server> '127.0.0.1:5001'"))
            : Optional.empty();

    LambdaImageException failure =
        PushFailures.classify(
            "unauthorized: authentication required",
            IMAGE,
            credentials,
            RegistryCredentialProvider.anonymous());

    assertThat(failure).hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"connection reset by peer", "received unexpected HTTP status: 502 Bad Gateway"})
  void transientFailureNamesRegistryImageAndCause(String cause) {
    assertThat(
            PushFailures.classify(
                cause, IMAGE, Optional.empty(), RegistryCredentialProvider.anonymous()))
        .hasMessage(
            "Pushing 127.0.0.1:5001/app:1-amd64 to registry 127.0.0.1:5001 failed: "
                + cause
                + ". Check that the registry is running and reachable.");
  }
}
