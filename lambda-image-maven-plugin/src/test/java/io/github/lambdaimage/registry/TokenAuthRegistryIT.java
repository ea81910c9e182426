package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.push.ImagePusher;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry with Bearer token authentication ({@code auth: token}) and a token service in the
 * test: the engine and the client both fetch tokens, with a password or an identity token.
 */
class TokenAuthRegistryIT {

  private static final String USER = "bob";
  private static final String PASSWORD = "token-service-password";

  @TempDir static Path directory;
  private static TokenServer tokens;
  private static LocalRegistryProcess registry;

  @TempDir Path buildDirectory;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() {
    tokens = TokenServer.start(directory.resolve("tokens"), USER, PASSWORD);
    registry =
        LocalRegistryProcess.startWithTokenAuth(
            directory.resolve("registry"), tokens, directory.resolve("tokens"));
  }

  @AfterAll
  static void stop() {
    registry.close();
    tokens.close();
  }

  private static RegistryCredentialProvider fixed(RegistryCredentials credentials) {
    return host -> Optional.of(credentials);
  }

  private ImageRecord pushAndVerify(RegistryCredentialProvider credentials, String test)
      throws java.io.IOException {
    String repository = registry.address() + "/" + RawRegistry.uniqueRepository(test);
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory.resolve(test));
    try (DockerEngine engine = TestEngines.plain();
        DockerClient docker = TestEngines.dockerJavaClient();
        TestImages images = new TestImages(docker)) {
      records.write(images.tiny(Architecture.AMD64, repository, "1"));
      ImagePusher pusher =
          new ImagePusher(
              engine,
              new RegistryClient(credentials, log),
              credentials,
              RetryPolicy.none(),
              log,
              false);
      ImageRecord pushed = pusher.push(records, Architecture.AMD64);
      assertThat(records.read(Architecture.AMD64).digest()).isEqualTo(pushed.digest());
      return pushed;
    }
  }

  @Test
  void pushesAndReadsBackWithTokensFetchedWithAPassword() throws java.io.IOException {
    ImageRecord pushed =
        pushAndVerify(fixed(RegistryCredentials.basic(USER, PASSWORD, "test")), "token-basic");

    assertThat(pushed.digest()).startsWith("sha256:");
    assertThat(tokens.requests())
        .contains("GET basic repository:" + pushed.repository().split("/", 2)[1] + ":pull");
  }

  @Test
  void pushesAndReadsBackWithAnIdentityToken() throws java.io.IOException {
    ImageRecord pushed =
        pushAndVerify(
            fixed(RegistryCredentials.identityToken(TokenServer.IDENTITY_TOKEN, "test")),
            "token-identity");

    String path = pushed.repository().split("/", 2)[1];
    assertThat(tokens.requests()).contains("POST refresh-token repository:" + path + ":pull");
  }

  @Test
  void wrongPasswordAtTheTokenServiceNamesTheSource() throws java.io.IOException {
    RegistryClient client =
        new RegistryClient(
            fixed(RegistryCredentials.basic(USER, "nope", "settings.xml <server> 'x'")), log);
    ImageReference reference = ImageReference.parse(registry.address() + "/any/thing:1");

    assertThatThrownBy(() -> client.getManifest(reference))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessage(
            "Registry "
                + registry.address()
                + " rejected the credentials (user 'bob' from settings.xml <server> 'x') for "
                + registry.address()
                + "/any/thing. Add a <server> with <id>"
                + registry.address()
                + "</id> and the right user name and password to ~/.m2/settings.xml, or run"
                + " 'docker login "
                + registry.address()
                + "'.");
  }

  @Test
  void anonymousAccessRefusedByTheTokenServiceSaysNoCredentialsWereFound()
      throws java.io.IOException {
    RegistryClient client = new RegistryClient(RegistryCredentialProvider.anonymous(), log);
    ImageReference reference = ImageReference.parse(registry.address() + "/any/thing:1");

    assertThatThrownBy(() -> client.getManifest(reference))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessageStartingWith(
            "Registry "
                + registry.address()
                + " requires authentication and no credentials were found (searched: no credential sources) for ");
  }
}
