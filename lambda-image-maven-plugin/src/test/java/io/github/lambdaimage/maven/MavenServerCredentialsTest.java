package io.github.lambdaimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** With Maven's own decrypter and a real {@code settings-security.xml}. */
class MavenServerCredentialsTest {

  private static final String MASTER = "master-password";
  private static final String REGISTRY = "127.0.0.1:5001";

  @TempDir Path directory;
  private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();
  private final Settings settings = new Settings();
  private MavenServerCredentials credentials;

  @BeforeEach
  void writeSettingsSecurity() throws Exception {
    Path security = directory.resolve("settings-security.xml");
    Files.writeString(
        security,
        "<settingsSecurity><master>"
            + cipher.encryptAndDecorate(MASTER, "settings.security")
            + "</master></settingsSecurity>");
    DefaultSecDispatcher dispatcher =
        new DefaultSecDispatcher(cipher, Map.of(), security.toString());
    credentials = new MavenServerCredentials(settings, new DefaultSettingsDecrypter(dispatcher));
  }

  private void server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    settings.addServer(server);
  }

  @Test
  void decryptsAnEncryptedPasswordOfTheServerNamedLikeTheRegistry() throws Exception {
    server("other", "x", "y");
    server(REGISTRY, "alice", cipher.encryptAndDecorate("s3cret", MASTER));

    RegistryCredentials found = credentials.credentialsFor(REGISTRY).orElseThrow();

    assertThat(found.username()).isEqualTo("alice");
    assertThat(found.password()).isEqualTo("s3cret");
    assertThat(found.source()).isEqualTo("settings.xml <server> '127.0.0.1:5001'");
  }

  @Test
  void plainPasswordsWorkToo() {
    server(REGISTRY, "alice", "plain");

    assertThat(credentials.credentialsFor(REGISTRY).orElseThrow().password()).isEqualTo("plain");
  }

  @Test
  void noServerWithThatIdMeansNothingFound() {
    server("127.0.0.1:5000", "alice", "pw");

    assertThat(credentials.credentialsFor(REGISTRY)).isEmpty();
    assertThat(credentials.searchedSources(REGISTRY))
        .isEqualTo("settings.xml <server> '127.0.0.1:5001'");
  }

  @Test
  void undecryptablePasswordIsAConfigurationErrorNamingTheServer() throws Exception {
    server(REGISTRY, "alice", cipher.encryptAndDecorate("s3cret", "another-master"));

    assertThatThrownBy(() -> credentials.credentialsFor(REGISTRY))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            "Cannot decrypt the password of the settings.xml <server> '127.0.0.1:5001': ")
        .hasMessageEndingWith(
            ". Check ~/.m2/settings-security.xml, or encrypt the password again with mvn"
                + " --encrypt-password.");
  }

  @Test
  void serverWithoutUsernameIsAConfigurationError() {
    server(REGISTRY, null, "pw");

    assertThatThrownBy(() -> credentials.credentialsFor(REGISTRY))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The settings.xml <server> '127.0.0.1:5001' has no <username>; give <username> and"
                + " <password> for registry 127.0.0.1:5001.");
  }
}
