package io.github.lambdaimage.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.docker.RegistryAuth;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.registry.RegistryAuthenticationException;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryStandIn;
import io.github.lambdaimage.registry.RegistryStandIn.Received;
import io.github.lambdaimage.registry.credentials.CredentialResolver;
import io.github.lambdaimage.registry.credentials.DockerConfigCredentials;
import io.github.lambdaimage.registry.credentials.TestCredentialSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base image in a password-protected registry (a loopback stand-in): its digest is resolved, and
 * its pull is authorised, with the same credential sources as a push.
 */
class PrivateBaseImageTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "base-image-password";

  @TempDir Path directory;
  private final RegistryStandIn registry = RegistryStandIn.start().requireBasic(USER, PASSWORD);
  private final RecordingLog log = new RecordingLog();

  @AfterEach
  void stop() {
    registry.close();
  }

  private String base() {
    return registry.address() + "/team/java:21";
  }

  private BaseImageResolver resolver(Path dockerConfig) {
    CredentialResolver credentials =
        new CredentialResolver(
            List.of(
                TestCredentialSources.emptySettings(),
                new DockerConfigCredentials(dockerConfig, List.of(), Duration.ofSeconds(5))),
            log);
    return new BaseImageResolver(
        () -> new RegistryClient(credentials, log), credentials, false, false, log);
  }

  @Test
  void privateBaseIsResolvedAndPulledWithTheDockerConfigsCredentials() throws IOException {
    Path config = directory.resolve("docker/config.json");
    String auth =
        TestCredentialSources.writeDockerConfigAuths(config, registry.address(), USER, PASSWORD);
    BaseImageResolver resolver = resolver(config);

    PinnedBaseImage pinned = resolver.resolve(base(), Architecture.AMD64, directory);
    RegistryAuth pull = resolver.pullAuth(pinned);

    assertThat(pinned.digest())
        .isEqualTo(Sha256.contentDigest(RegistryStandIn.MANIFEST.getBytes(StandardCharsets.UTF_8)));
    assertThat(registry.received()).extracting(Received::authorization).contains("Basic " + auth);
    assertThat(pull)
        .isEqualTo(new RegistryAuth(registry.address(), USER, PASSWORD, null))
        .hasToString("RegistryAuth[" + registry.address() + ", user " + USER + "]");
  }

  @Test
  void privateBaseWithoutCredentialsFailsNamingTheSourcesSearched() {
    Path config = directory.resolve("docker/config.json");

    assertThatThrownBy(() -> resolver(config).resolve(base(), Architecture.AMD64, directory))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessage(
            "Registry "
                + registry.address()
                + " requires authentication and no credentials were found (searched: settings.xml"
                + " <server> '"
                + registry.address()
                + "', "
                + config
                + " (credHelpers, credsStore, auths)) for "
                + registry.address()
                + "/team/java. Add a <server> with <id>"
                + registry.address()
                + "</id> and the right user name and password to ~/.m2/settings.xml, or run"
                + " 'docker login "
                + registry.address()
                + "'.");
    assertThat(directory.resolve(BaseImageResolver.CACHE_FILE)).doesNotExist();
  }

  @Test
  void publicBaseIsPulledAnonymously() {
    BaseImageResolver resolver = resolver(directory.resolve("docker/config.json"));
    PinnedBaseImage pinned =
        PinnedBaseImage.of(
            "127.0.0.1:1/public/java:21",
            "linux/amd64",
            io.github.lambdaimage.registry.ImageReference.parse("127.0.0.1:1/public/java:21"),
            "sha256:" + "0".repeat(64));

    assertThat(resolver.pullAuth(pinned)).isNull();
  }
}
