package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.registry.RegistryStandIn.Received;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials go only to the registry and to token services it may name: a loopback registry
 * stand-in advertises hostile realms and redirects to other hosts and to plain HTTP, and the tests
 * assert on what each host received. Hosts off loopback are reached through the stand-in as a
 * proxy, so nothing leaves this machine.
 */
class CredentialLeakTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-password";
  private static final String BASIC = "Basic YWxpY2U6czNjcmV0LXBhc3N3b3Jk";

  private final RegistryStandIn registry = RegistryStandIn.start();
  private final RecordingLog log = new RecordingLog();

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client() {
    return new RegistryClient(
        registry.httpClient(),
        host -> Optional.of(RegistryCredentials.basic(USER, PASSWORD, "settings.xml <server> 'x'")),
        RetryPolicy.none(),
        Duration.ofSeconds(10),
        log);
  }

  private ImageReference reference() {
    return ImageReference.parse(registry.address() + "/team/app:1");
  }

  @Test
  void bearerRealmOverPlainHttpOnAnotherHostReceivesNothing() {
    registry.requireBearer("http://auth.attacker.test/token", USER, PASSWORD);

    assertThatThrownBy(() -> client().getManifest(reference()))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Registry "
                + registry.address()
                + " asks for tokens from http://auth.attacker.test/token, which is not an HTTPS"
                + " address; refusing to send user 'alice' from settings.xml <server> 'x' there in"
                + " clear text (plain HTTP is accepted only when the registry and its token"
                + " service are both on loopback). If that is really the registry's token service,"
                + " serve it over HTTPS.");
    assertThat(registry.receivedBy("auth.attacker.test")).isEmpty();
    assertThat(registry.received()).extracting(Received::authorization).containsOnlyNulls();
  }

  @Test
  void bearerRealmWithoutCredentialsIsRefusedAsWell() {
    registry.requireBearer("http://auth.attacker.test/token", USER, PASSWORD);
    RegistryClient anonymous =
        new RegistryClient(
            registry.httpClient(),
            RegistryCredentialProvider.anonymous(),
            RetryPolicy.none(),
            Duration.ofSeconds(10),
            log);

    assertThatThrownBy(() -> anonymous.getManifest(reference()))
        .hasMessageContaining("refusing to send token requests there in clear text");
    assertThat(registry.receivedBy("auth.attacker.test")).isEmpty();
  }

  @Test
  void loopbackRealmOnAnotherHostNameIsUsedAndLogged() {
    String port = registry.address().split(":")[1];
    String realm = "http://localhost:" + port + "/token";
    registry.requireBearer(realm, USER, PASSWORD);

    Manifest manifest = client().getManifest(reference());

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(log.infos())
        .containsExactly(
            "Registry "
                + registry.address()
                + " hands out its tokens from another host, localhost ("
                + realm
                + "); sending it the user 'alice' from settings.xml <server> 'x'.");
    assertThat(registry.receivedBy("localhost:" + port))
        .extracting(Received::authorization)
        .containsExactly(BASIC);
    assertThat(registry.receivedBy(registry.address()))
        .extracting(Received::authorization)
        .containsExactly(null, "Bearer " + RegistryStandIn.TOKEN);
  }

  @Test
  void redirectToPlainHttpOnAnotherHostCarriesNoCredentials() {
    registry
        .requireBasic(USER, PASSWORD)
        .redirect("/v2/team/app/manifests/1", "http://blobs.attacker.test/v2/team/app/manifests/1");

    Manifest manifest = client().getManifest(reference());

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(registry.receivedBy("blobs.attacker.test"))
        .singleElement()
        .extracting(Received::authorization)
        .isNull();
    assertThat(registry.receivedBy(registry.address()))
        .extracting(Received::authorization)
        .containsExactly(null, BASIC);
  }

  @Test
  void redirectToAnotherPortOfTheSameHostCarriesNoCredentials() {
    try (RegistryStandIn otherPort = RegistryStandIn.start()) {
      registry
          .requireBasic(USER, PASSWORD)
          .redirect(
              "/v2/team/app/manifests/1",
              "http://" + otherPort.address() + "/v2/team/app/manifests/1");

      client().getManifest(reference());

      assertThat(otherPort.received()).singleElement().extracting(Received::authorization).isNull();
    }
  }

  @Test
  void credentialsStayOnlyWithinTheSameSchemeHostAndPort() {
    URI registryUri = URI.create("https://registry.example/v2/app/manifests/1");

    assertThat(
            RegistryClient.sameOrigin(URI.create("https://REGISTRY.example:443/v2/x"), registryUri))
        .isTrue();
    assertThat(RegistryClient.sameOrigin(URI.create("http://registry.example/v2/x"), registryUri))
        .isFalse();
    assertThat(
            RegistryClient.sameOrigin(URI.create("https://registry.example:8443/x"), registryUri))
        .isFalse();
    assertThat(RegistryClient.sameOrigin(URI.create("https://cdn.example/x"), registryUri))
        .isFalse();
  }
}
