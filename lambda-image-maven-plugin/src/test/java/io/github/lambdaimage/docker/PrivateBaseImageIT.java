package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.imagebuild.BaseImageResolver;
import io.github.lambdaimage.imagebuild.PinnedBaseImage;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.push.ImagePusher;
import io.github.lambdaimage.registry.LocalRegistryProcess;
import io.github.lambdaimage.registry.RawRegistry;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.RetryPolicy;
import io.github.lambdaimage.registry.TestImages;
import io.github.lambdaimage.registry.credentials.CredentialResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A base image in a password-protected registry (Debian's docker-registry with htpasswd, started
 * for this class): its digest is resolved with the push's credential sources, and both engine
 * clients pull it with those credentials ({@code X-Registry-Auth}); without them the pull fails.
 */
class PrivateBaseImageIT {

  private static final String USER = "carol";
  private static final String PASSWORD = "private base password";

  @TempDir static Path directory;
  private static LocalRegistryProcess registry;
  private static DockerEngine dockerJava;
  private static String base;

  private final RecordingLog log = new RecordingLog();

  private static RegistryCredentialProvider settingsServer() {
    return host ->
        host.equals(registry.address())
            ? Optional.of(
                RegistryCredentials.basic(USER, PASSWORD, "settings.xml <server> '" + host + "'"))
            : Optional.empty();
  }

  /** Starts the registry and pushes a tiny amd64 image to it, the private base. */
  @BeforeAll
  static void startRegistryWithTheBase() {
    registry =
        LocalRegistryProcess.startWithHtpasswd(directory.resolve("registry"), USER, PASSWORD);
    dockerJava = DockerEngine.connect(ImageEngineTest.ENDPOINT);
    String repository = registry.address() + "/" + RawRegistry.uniqueRepository("private-base");
    ImageRecords records = ImageRecords.inBuildDirectory(directory.resolve("target"));
    RecordingLog log = new RecordingLog();
    try (TestImages images = new TestImages(dockerJava.client())) {
      ImageRecord image = images.tiny(Architecture.AMD64, repository, "base");
      records.write(image);
      CredentialResolver credentials = new CredentialResolver(List.of(settingsServer()), log);
      new ImagePusher(
              dockerJava.client(),
              new RegistryClient(credentials, log),
              credentials,
              RetryPolicy.none(),
              log,
              false)
          .push(records, Architecture.AMD64);
    }
    base = repository + ":base";
  }

  @AfterAll
  static void stop() {
    dockerJava.close();
    registry.close();
  }

  static Stream<ImageEngine> clients() {
    return Stream.of(ImageEngineTest.plain(), new DockerJavaImageEngine(() -> dockerJava));
  }

  private BaseImageResolver resolver() {
    CredentialResolver credentials = new CredentialResolver(List.of(settingsServer()), log);
    return new BaseImageResolver(
        () -> new RegistryClient(credentials, log), credentials, false, true, log);
  }

  @ParameterizedTest
  @MethodSource("clients")
  void privateBaseIsResolvedAndPulledWithTheSettingsServersCredentials(ImageEngine engine) {
    BaseImageResolver resolver = resolver();
    PinnedBaseImage pinned = resolver.resolve(base, Architecture.AMD64, directory.resolve("pin"));
    String reference = pinned.fromReference();
    engine.removeQuietly(reference);
    assertThat(engine.inspect(reference)).isEmpty();

    engine.pullIfAbsent(
        pinned.name(), pinned.digest(), "linux/amd64", () -> resolver.pullAuth(pinned), log);

    try {
      assertThat(engine.inspect(reference))
          .get()
          .extracting(ImageState::platform)
          .isEqualTo("linux/amd64");
      assertThat(log.infos())
          .contains(
              "Registry "
                  + registry.address()
                  + ": using user 'carol' from settings.xml <server> '"
                  + registry.address()
                  + "'.",
              "Pulling " + reference + " for linux/amd64");
    } finally {
      engine.removeQuietly(reference);
    }
  }

  @ParameterizedTest
  @MethodSource("clients")
  void privateBasePulledWithoutCredentialsFailsNamingImageAndPlatform(ImageEngine engine) {
    PinnedBaseImage pinned =
        resolver().resolve(base, Architecture.AMD64, directory.resolve("pin-anonymous"));
    engine.removeQuietly(pinned.fromReference());

    assertThatThrownBy(
            () ->
                engine.pullIfAbsent(pinned.name(), pinned.digest(), "linux/amd64", () -> null, log))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "Cannot pull base image " + pinned.fromReference() + " for linux/amd64: ")
        .hasMessageEndingWith(
            ". Check that the registry is reachable from the Docker Engine and that the"
                + " credentials found for it are valid.");
    assertThat(engine.inspect(pinned.fromReference())).isEmpty();
  }
}
