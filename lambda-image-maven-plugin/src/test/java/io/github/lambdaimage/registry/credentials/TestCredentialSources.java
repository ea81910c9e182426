package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** Credential sources for tests that stand in for Maven's {@code settings.xml} servers. */
public final class TestCredentialSources {

  private TestCredentialSources() {}

  /** A {@code settings.xml} without a {@code <server>} for any registry. */
  public static RegistryCredentialProvider emptySettings() {
    return new RegistryCredentialProvider() {
      @Override
      public Optional<RegistryCredentials> credentialsFor(String host) {
        return Optional.empty();
      }

      @Override
      public String searchedSources(String host) {
        return "settings.xml <server> '" + host + "'";
      }
    };
  }

  /**
   * Writes a Docker CLI {@code config.json} at {@code config} whose {@code auths} holds {@code
   * user}/{@code password} for {@code registry}, as {@code docker login} does without a helper.
   *
   * @return the {@code auth} value: base64 of {@code user:password}
   */
  public static String writeDockerConfigAuths(
      Path config, String registry, String user, String password) throws IOException {
    Files.createDirectories(config.getParent());
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
    return auth;
  }
}
