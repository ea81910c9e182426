package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  @TempDir Path directory;
  private Path config;
  private Path helpers;

  @BeforeEach
  void installHelper() throws IOException {
    config = directory.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    helpers = TestCredentialHelper.install(directory.resolve("bin")).getParent();
  }

  private DockerConfigCredentials credentials(String json) throws IOException {
    Files.writeString(config, json, StandardCharsets.UTF_8);
    return new DockerConfigCredentials(config, List.of(helpers), Duration.ofSeconds(2));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBase64AuthOfTheMatchingAuthsEntry() throws IOException {
    DockerConfigCredentials credentials =
        credentials(
            "{\"auths\":{\"other:5000\":{\"auth\":\""
                + base64("x:y")
                + "\"},\"https://127.0.0.1:5001/v2/\":{\"auth\":\""
                + base64("alice:s3:cret")
                + "\"}}}");

    RegistryCredentials found = credentials.credentialsFor("127.0.0.1:5001").orElseThrow();

    assertThat(found.username()).isEqualTo("alice");
    assertThat(found.password()).isEqualTo("s3:cret");
    assertThat(found.source()).isEqualTo(config + " auths['https://127.0.0.1:5001/v2/']");
    assertThat(found)
        .hasToString("user 'alice' from " + config + " auths['https://127.0.0.1:5001/v2/']");
  }

  @Test
  void readsUsernameAndPasswordOrIdentityToken() throws IOException {
    DockerConfigCredentials credentials =
        credentials(
            "{\"auths\":{\"a.example\":{\"username\":\"bob\",\"password\":\"pw\"},"
                + "\"b.example\":{\"auth\":\""
                + base64("<token>:")
                + "\",\"identitytoken\":\"refresh\"},\"c.example\":{}}}");

    assertThat(credentials.credentialsFor("a.example").orElseThrow())
        .extracting(RegistryCredentials::username, RegistryCredentials::password)
        .containsExactly("bob", "pw");
    RegistryCredentials token = credentials.credentialsFor("b.example").orElseThrow();
    assertThat(token.hasIdentityToken()).isTrue();
    assertThat(token.identityToken()).isEqualTo("refresh");
    assertThat(credentials.credentialsFor("c.example")).isEmpty();
    assertThat(credentials.credentialsFor("d.example")).isEmpty();
  }

  @Test
  void dockerHubMatchesItsIndexKey() throws IOException {
    DockerConfigCredentials credentials =
        credentials(
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + base64("hub:pw")
                + "\"}}}");

    assertThat(credentials.credentialsFor("docker.io").orElseThrow().username()).isEqualTo("hub");
  }

  @Test
  void credHelperForTheRegistryGetsTheServerOnStdin() throws IOException {
    DockerConfigCredentials credentials =
        credentials(
            "{\"credHelpers\":{\"registry.example:5000\":\"test\"},"
                + "\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("file:pw")
                + "\"}}}");

    RegistryCredentials found = credentials.credentialsFor("registry.example:5000").orElseThrow();

    assertThat(found.username()).isEqualTo("user-for-registry.example:5000");
    assertThat(found.password()).isEqualTo("helper-secret");
    assertThat(found.source())
        .isEqualTo("docker-credential-test (" + config + " credHelpers['registry.example:5000'])");
  }

  @Test
  void credsStoreServesEveryRegistryAndDockerHubByItsIndexUrl() throws IOException {
    DockerConfigCredentials credentials = credentials("{\"credsStore\":\"test\"}");

    assertThat(credentials.credentialsFor("docker.io").orElseThrow().username())
        .isEqualTo("hub-user");
    assertThat(credentials.credentialsFor("registry.example:5000").orElseThrow().source())
        .isEqualTo("docker-credential-test (" + config + " credsStore)");
  }

  @Test
  void helperTokenUserMeansIdentityToken() throws IOException {
    DockerConfigCredentials credentials = credentials("{\"credsStore\":\"test\"}");

    RegistryCredentials found = credentials.credentialsFor("token.example").orElseThrow();

    assertThat(found.hasIdentityToken()).isTrue();
    assertThat(found.identityToken()).isEqualTo("refresh-token");
    assertThat(found.username()).isNull();
  }

  @Test
  void helperWithoutCredentialsFallsBackToAuths() throws IOException {
    DockerConfigCredentials credentials =
        credentials(
            "{\"credsStore\":\"test\",\"auths\":{\"unknown.example\":{\"auth\":\""
                + base64("fallback:pw")
                + "\"},\"empty.example\":{}}}");

    assertThat(credentials.credentialsFor("unknown.example").orElseThrow().username())
        .isEqualTo("fallback");
    assertThat(credentials.credentialsFor("empty.example")).isEmpty();
  }

  @Test
  void failingHelperIsReportedWithItsOutput() throws IOException {
    DockerConfigCredentials credentials = credentials("{\"credsStore\":\"test\"}");

    assertThatThrownBy(() -> credentials.credentialsFor("locked.example"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Credential helper docker-credential-test ("
                + config
                + " credsStore) exited with code 3: error getting credentials - err: exit status"
                + " 1, out: keychain is locked. Run 'docker-credential-test get' by hand to see"
                + " why, or log in again with 'docker login'.");
  }

  @Test
  void helperThatAnswersNoJsonIsReported() throws IOException {
    DockerConfigCredentials credentials = credentials("{\"credsStore\":\"test\"}");

    assertThatThrownBy(() -> credentials.credentialsFor("garbage.example"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "Credential helper docker-credential-test ("
                + config
                + " credsStore) answered something that is not JSON.");
  }

  @Test
  void slowHelperTimesOut() throws IOException {
    DockerConfigCredentials credentials = credentials("{\"credsStore\":\"test\"}");
    long started = System.nanoTime();

    assertThatThrownBy(() -> credentials.credentialsFor("slow.example"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "Credential helper docker-credential-test ("
                + config
                + " credsStore) did not finish within 2 s and was stopped with its child processes."
                + " If it needs longer, raise the limit with"
                + " -Dlambda.credentialHelperTimeout=<seconds>.");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void missingHelperSaysWhichAndWhere() throws IOException {
    DockerConfigCredentials credentials =
        credentials("{\"credHelpers\":{\"ecr.example\":\"nonexistent\"}}");

    assertThatThrownBy(() -> credentials.credentialsFor("ecr.example"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            config
                + " credHelpers['ecr.example'] names the credential helper 'nonexistent', but"
                + " docker-credential-nonexistent is not on the PATH (["
                + helpers
                + "]). Install it, or remove that entry from the Docker configuration.");
  }

  @Test
  void brokenAuthValueIsAConfigurationError() throws IOException {
    DockerConfigCredentials credentials =
        credentials("{\"auths\":{\"a.example\":{\"auth\":\"" + base64("no-colon") + "\"}}}");

    assertThatThrownBy(() -> credentials.credentialsFor("a.example"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            config
                + " auths['a.example'] has an 'auth' value that is not user:password; run 'docker"
                + " login' again.");
  }

  @Test
  void unreadableConfigIsAConfigurationError() throws IOException {
    DockerConfigCredentials credentials = credentials("{not json");

    assertThatThrownBy(() -> credentials.credentialsFor("a.example"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Cannot read the Docker configuration " + config + ": ")
        .hasMessageEndingWith(
            ". Fix or remove the file, or point DOCKER_CONFIG at another directory.");
  }

  @Test
  void missingConfigMeansNoCredentials() {
    DockerConfigCredentials credentials =
        new DockerConfigCredentials(config, List.of(helpers), Duration.ofSeconds(2));

    assertThat(credentials.credentialsFor("a.example")).isEmpty();
  }

  @Test
  void environmentChoosesDockerConfigOverHomeAndHelpersFromPath() throws IOException {
    credentials("{\"credsStore\":\"test\"}");
    Map<String, String> environment =
        Map.of("DOCKER_CONFIG", config.getParent().toString(), "PATH", "/nonexistent:" + helpers);

    DockerConfigCredentials fromEnvironment =
        DockerConfigCredentials.fromEnvironment(environment, directory.resolve("home"));

    assertThat(fromEnvironment.credentialsFor("registry.example:5000")).isPresent();
    assertThat(fromEnvironment.searchedSources("x"))
        .isEqualTo(config + " (credHelpers, credsStore, auths)");
    assertThat(
            DockerConfigCredentials.fromEnvironment(Map.of(), directory.resolve("home"))
                .searchedSources("x"))
        .isEqualTo(
            directory.resolve("home/.docker/config.json") + " (credHelpers, credsStore, auths)");
  }
}
