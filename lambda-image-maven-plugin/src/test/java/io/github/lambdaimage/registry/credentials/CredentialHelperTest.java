package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.process.HostSystem;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialHelperTest {

  @TempDir Path directory;

  @Test
  void onWindowsTheHelperIsFoundWithItsCmdExtensionThroughPathext() throws Exception {
    Path script = TestCredentialHelper.install(directory.resolve("bin"));
    Files.move(script, script.resolveSibling("docker-credential-test.cmd"));
    HostSystem windows =
        new HostSystem(true, List.of(directory, script.getParent()), List.of(".exe", ".cmd"));

    RegistryCredentials found =
        new CredentialHelper("test", windows, Duration.ofSeconds(10))
            .get("registry.example:5000", "config.json credsStore")
            .orElseThrow();

    assertThat(found.username()).isEqualTo("user-for-registry.example:5000");
    assertThat(found.source()).isEqualTo("docker-credential-test (config.json credsStore)");
  }

  @Test
  void aFailureQuotesOneBoundedLineOfOutputAndNeverOneThatMayHoldACredential() {
    assertThat(CredentialHelper.quote("keychain is locked\nsecond line"))
        .isEqualTo(": keychain is locked");
    assertThat(CredentialHelper.quote("x".repeat(500)))
        .isEqualTo(": " + "x".repeat(CredentialHelper.QUOTED_CHARACTERS) + "...");
    assertThat(CredentialHelper.quote("{\"Username\":\"u\",\"Secret\":\"s3cr3t\"}"))
        .isEqualTo(" (its output is not quoted: it may hold a credential)");
    assertThat(CredentialHelper.quote("using password hunter2"))
        .isEqualTo(" (its output is not quoted: it may hold a credential)");
    assertThat(CredentialHelper.quote("  ")).isEmpty();
  }

  @Test
  void theTimeLimitComesFromTheCommandLinePropertyAndABadValueIsNamed() {
    assertThat(CredentialHelper.configuredTimeout(Map.<String, String>of()::get))
        .isEqualTo(CredentialHelper.DEFAULT_TIMEOUT);
    assertThat(
            CredentialHelper.configuredTimeout(
                Map.of(CredentialHelper.TIMEOUT_PROPERTY, "90")::get))
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(
            () ->
                CredentialHelper.configuredTimeout(
                    Map.of(CredentialHelper.TIMEOUT_PROPERTY, "soon")::get))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("-Dlambda.credentialHelperTimeout=soon is not a positive number of seconds.");
  }
}
