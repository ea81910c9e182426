package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {

  private final List<String> asked = new ArrayList<>();
  private final RecordingLog log = new RecordingLog();

  private RegistryCredentialProvider source(String name, String knownRegistry) {
    return new RegistryCredentialProvider() {
      @Override
      public Optional<RegistryCredentials> credentialsFor(String registry) {
        asked.add(name + ":" + registry);
        return registry.equals(knownRegistry)
            ? Optional.of(RegistryCredentials.basic(name + "-user", name + "-secret", name))
            : Optional.empty();
      }

      @Override
      public String searchedSources(String registry) {
        return name.equals("ecr") && !registry.contains("ecr") ? "" : name;
      }
    };
  }

  private CredentialResolver resolver() {
    return new CredentialResolver(
        List.of(
            source("settings", "both.example"),
            source("docker", "both.example"),
            source("ecr", "1.dkr.ecr.eu-west-1.amazonaws.com")),
        log);
  }

  @Test
  void firstSourceWithCredentialsWinsAndLaterOnesAreNotAsked() {
    CredentialResolver resolver = resolver();

    RegistryCredentials found = resolver.credentialsFor("both.example").orElseThrow();

    assertThat(found.username()).isEqualTo("settings-user");
    assertThat(asked).containsExactly("settings:both.example");
  }

  @Test
  void laterSourceAnswersWhenEarlierOnesHaveNothing() {
    RegistryCredentials found =
        resolver().credentialsFor("1.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();

    assertThat(found.source()).isEqualTo("ecr");
    assertThat(asked)
        .containsExactly(
            "settings:1.dkr.ecr.eu-west-1.amazonaws.com",
            "docker:1.dkr.ecr.eu-west-1.amazonaws.com",
            "ecr:1.dkr.ecr.eu-west-1.amazonaws.com");
  }

  @Test
  void logsTheSourceUsedButNeverTheSecret() {
    CredentialResolver resolver = resolver();
    resolver.credentialsFor("both.example");

    assertThat(log.infos())
        .containsExactly("Registry both.example: using user 'settings-user' from settings.");
    assertThat(String.join("\n", log.infos())).doesNotContain("secret");
  }

  @Test
  void noCredentialsMeansAnonymousAndSaysWhereItLooked() {
    CredentialResolver resolver = resolver();

    assertThat(resolver.credentialsFor("127.0.0.1:5000")).isEmpty();
    assertThat(log.infos())
        .containsExactly(
            "Registry 127.0.0.1:5000: no credentials found (searched settings, docker); accessing"
                + " it anonymously.");
  }

  @Test
  void looksUpEachRegistryOnce() {
    CredentialResolver resolver = resolver();

    resolver.credentialsFor("127.0.0.1:5000");
    resolver.credentialsFor("127.0.0.1:5000");

    assertThat(asked).hasSize(3);
    assertThat(log.infos()).hasSize(1);
  }

  @Test
  void credentialsNeverPrintTheirSecret() {
    assertThat(RegistryCredentials.basic("u", "p4ss", "src")).hasToString("user 'u' from src");
    assertThat(RegistryCredentials.identityToken("t0ken", "src"))
        .hasToString("identity token from src");
  }
}
