package io.github.lambdaimage.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.LocalRegistryProcess;
import io.github.lambdaimage.registry.MediaTypes;
import io.github.lambdaimage.registry.RawRegistry;
import io.github.lambdaimage.registry.RegistryAuthenticationException;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.RetryPolicy;
import io.github.lambdaimage.registry.TestImages;
import io.github.lambdaimage.registry.TransientRegistryException;
import io.github.lambdaimage.registry.credentials.CredentialResolver;
import io.github.lambdaimage.registry.credentials.DockerConfigCredentials;
import io.github.lambdaimage.registry.credentials.TestCredentialHelper;
import io.github.lambdaimage.registry.credentials.TestCredentialSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes through the real engine to a second, private registry with htpasswd authentication,
 * started for this test class; proves each credential path and the failures.
 */
class AuthenticatedPushTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "correct horse";

  @TempDir static Path registryDirectory;
  private static LocalRegistryProcess registry;

  @TempDir Path directory;
  private final RecordingLog log = new RecordingLog();
  private DockerEngine engine;
  private TestImages images;
  private ImageRecords records;

  @BeforeAll
  static void startRegistry() {
    registry = LocalRegistryProcess.startWithHtpasswd(registryDirectory, USER, PASSWORD);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void connect() {
    engine = DockerEngine.connect();
    images = new TestImages(engine.client());
    records = ImageRecords.inBuildDirectory(directory.resolve("target"));
  }

  @AfterEach
  void cleanUp() {
    images.close();
    engine.close();
  }

  private String repository(String test) {
    return registry.address() + "/" + RawRegistry.uniqueRepository(test);
  }

  private ImageRecord push(RegistryCredentialProvider source) {
    return pusher(source, RetryPolicy.none()).push(records, Architecture.AMD64);
  }

  private ImagePusher pusher(RegistryCredentialProvider source, RetryPolicy retry) {
    CredentialResolver credentials = new CredentialResolver(List.of(source), log);
    return new ImagePusher(
        engine.client(), new RegistryClient(credentials, log), credentials, retry, log, false);
  }

  private static RegistryCredentialProvider settingsServer(String password) {
    return new RegistryCredentialProvider() {
      @Override
      public Optional<RegistryCredentials> credentialsFor(String host) {
        return host.equals(registry.address())
            ? Optional.of(
                RegistryCredentials.basic(USER, password, "settings.xml <server> '" + host + "'"))
            : Optional.empty();
      }

      @Override
      public String searchedSources(String host) {
        return "settings.xml <server> '" + host + "'";
      }
    };
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void assertServedDigestEqualsRecorded(String repository, ImageRecord pushed) {
    String path = repository.substring(registry.address().length() + 1);
    RawRegistry.Served served =
        new RawRegistry(registry.address(), USER, PASSWORD).manifest(path, pushed.tag());
    assertThat(served.contentType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(records.read(Architecture.AMD64).digest())
        .isEqualTo(served.digestHeader())
        .isEqualTo(pushed.digest());
  }

  @Test
  void pushesWithTheFirstSourcesCredentialsAndSaysWhichSource() {
    String repository = repository("settings");
    records.write(images.tiny(Architecture.AMD64, repository, "1"));

    long started = System.nanoTime();
    ImageRecord pushed = push(settingsServer(PASSWORD));
    log.info("measured: " + (System.nanoTime() - started) / 1_000_000 + " ms");

    assertServedDigestEqualsRecorded(repository, pushed);
    assertThat(log.infos())
        .contains(
            "Registry "
                + registry.address()
                + ": using user 'alice' from settings.xml <server> '"
                + registry.address()
                + "'.");
    assertThat(String.join("\n", log.infos())).doesNotContain(PASSWORD);
  }

  @Test
  void pushesWithDockerConfigAuths() throws IOException {
    String repository = repository("config-auths");
    records.write(images.tiny(Architecture.AMD64, repository, "1"));
    Path config = directory.resolve("docker/config.json");
    TestCredentialSources.writeDockerConfigAuths(config, registry.address(), USER, PASSWORD);

    ImageRecord pushed =
        push(new DockerConfigCredentials(config, List.of(), Duration.ofSeconds(5)));

    assertServedDigestEqualsRecorded(repository, pushed);
    assertThat(log.infos())
        .contains(
            "Registry "
                + registry.address()
                + ": using user 'alice' from "
                + config
                + " auths['"
                + registry.address()
                + "'].");
  }

  @Test
  void pushesWithADockerCredentialHelper() throws IOException {
    String repository = repository("config-helper");
    records.write(images.tiny(Architecture.AMD64, repository, "1"));
    Path bin = TestCredentialHelper.install(directory.resolve("bin")).getParent();
    Files.writeString(
        bin.resolve(registry.address() + ".json"),
        "{\"ServerURL\":\"x\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}");
    Path config = directory.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"credsStore\":\"test\"}");

    ImageRecord pushed =
        push(new DockerConfigCredentials(config, List.of(bin), Duration.ofSeconds(5)));

    assertServedDigestEqualsRecorded(repository, pushed);
    assertThat(log.infos())
        .contains(
            "Registry "
                + registry.address()
                + ": using user 'alice' from docker-credential-test ("
                + config
                + " credsStore).");
  }

  @Test
  void wrongPasswordFailsNamingTheSourceAndLeavesNoDigest() {
    String repository = repository("wrong-password");
    records.write(
        images.tiny(Architecture.AMD64, repository, "1").withDigest("sha256:" + "a".repeat(64)));

    assertThatThrownBy(() -> push(settingsServer("Tr0ub4dor")))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessageStartingWith(
            "Registry "
                + registry.address()
                + " rejected the credentials (user 'alice' from settings.xml <server> '"
                + registry.address()
                + "') for "
                + repository
                + ": ")
        .hasMessageContaining("unauthorized")
        .hasMessageEndingWith(
            ". Add a <server> with <id>"
                + registry.address()
                + "</id> and the right user name and password to ~/.m2/settings.xml, or run"
                + " 'docker login "
                + registry.address()
                + "'.")
        .message()
        .doesNotContain("Tr0ub4dor");
    assertThat(records.read(Architecture.AMD64).digest()).isNull();
  }

  @Test
  void missingCredentialsFailSayingWhereTheyWereSearched() {
    String repository = repository("anonymous");
    records.write(images.tiny(Architecture.AMD64, repository, "1"));

    assertThatThrownBy(() -> push(TestCredentialSources.emptySettings()))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessageStartingWith(
            "Registry "
                + registry.address()
                + " requires authentication and no credentials were found (searched: settings.xml"
                + " <server> '"
                + registry.address()
                + "') for "
                + repository);
  }

  @Test
  void registryThatGoesAwayMidPushFailsClearlyAndRecordsNoDigest() throws Exception {
    try (LocalRegistryProcess doomed =
        LocalRegistryProcess.startWithHtpasswd(directory.resolve("doomed"), USER, PASSWORD)) {
      String path = RawRegistry.uniqueRepository("goes-away");
      String repository = doomed.address() + "/" + path;
      records.write(images.tagBase(Architecture.AMD64, repository, "1"));
      RegistryCredentialProvider credentials =
          host -> Optional.of(RegistryCredentials.basic(USER, PASSWORD, "test credentials"));
      RetryPolicy twice =
          new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100), d -> {});
      CompletableFuture<Void> killer =
          CompletableFuture.runAsync(
              () -> {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!doomed.uploadStarted(path) && System.nanoTime() < deadline) {
                  pause();
                }
                doomed.kill();
              });

      assertThatThrownBy(() -> pusher(credentials, twice).push(records, Architecture.AMD64))
          .isInstanceOf(TransientRegistryException.class)
          .hasMessageStartingWith(
              "Pushing " + repository + ":1 to registry " + doomed.address() + " failed: ")
          .hasMessageEndingWith(". Check that the registry is running and reachable.");
      killer.get(10, TimeUnit.SECONDS);
      assertThat(records.read(Architecture.AMD64).digest()).isNull();
      assertThat(log.warnings()).anyMatch(line -> line.startsWith("Push of " + repository));
    }
  }
}
