package io.github.lambdaimage.maven;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from {@code settings.xml}: the {@code <server>} whose {@code <id>} is the
 * registry host, its password decrypted by Maven when encrypted.
 */
final class MavenServerCredentials implements RegistryCredentialProvider {

  private final Settings settings;
  private final SettingsDecrypter decrypter;

  MavenServerCredentials(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public Optional<RegistryCredentials> credentialsFor(String registry) {
    Server server = settings == null ? null : settings.getServer(registry);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    String problems =
        result.getProblems().stream()
            .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
            .map(SettingsProblem::getMessage)
            .collect(Collectors.joining("; "));
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(
          "Cannot decrypt the password of the settings.xml <server> '"
              + registry
              + "': "
              + problems
              + ". Check ~/.m2/settings-security.xml, or encrypt the password again with"
              + " mvn --encrypt-password.");
    }
    Server decrypted = result.getServer();
    if (decrypted.getUsername() == null || decrypted.getUsername().isBlank()) {
      throw new InvalidConfigurationException(
          "The settings.xml <server> '"
              + registry
              + "' has no <username>; give <username> and <password> for registry "
              + registry
              + ".");
    }
    return Optional.of(
        RegistryCredentials.basic(
            decrypted.getUsername(),
            decrypted.getPassword() == null ? "" : decrypted.getPassword(),
            source(registry)));
  }

  @Override
  public String searchedSources(String registry) {
    return source(registry);
  }

  private static String source(String registry) {
    return "settings.xml <server> '" + registry + "'";
  }
}
