package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.log.BuildLog;
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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code dockerd} frozen ({@code SIGSTOP}) in the middle of a build and of a push: the
 * request ends within the idle limit with a message naming what stalled and the setting, and leaves
 * no temporary tag and no recorded digest. The engine is a private one, started for these tests, so
 * freezing it stops nobody else.
 */
class FrozenEngineIT {

  private static final Duration IDLE_LIMIT = Duration.ofSeconds(3);

  /** The idle limit, the watchdog's granularity and a slow machine's scheduling. */
  private static final Duration BOUND = IDLE_LIMIT.plusSeconds(7);

  private static final String USER = "frozen";
  private static final String PASSWORD = "frozen-secret";

  @TempDir static Path directory;
  private static PrivateDockerd dockerd;

  @BeforeAll
  static void startPrivateEngine() {
    dockerd = PrivateDockerd.start(directory.resolve("dockerd"));
  }

  @AfterAll
  static void stopPrivateEngine() {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  @Test
  void aBuildOnAnEngineFrozenMidBuildEndsWithinTheIdleLimitAndLeavesNoTemporaryTag()
      throws Exception {
    Path context = context("build", 48);
    String temporaryTag = "lambda-image-build/frozen-build:amd64";
    RecordingLog log = new RecordingLog();
    log.onInfo(
        line -> {
          if (line.startsWith("Step 2/")) {
            dockerd.freeze();
          }
        });
    long started = System.nanoTime();
    try (PlainDockerEngine engine = new PlainDockerEngine(dockerd.endpoint(), IDLE_LIMIT)) {
      assertThatThrownBy(() -> engine.build(spec(context, temporaryTag), log))
          .isInstanceOf(EngineTimeoutException.class)
          .hasMessage(
              "The Docker Engine at "
                  + dockerd.endpoint().host()
                  + " sent nothing for 3 s when asked to build frozen-build for linux/amd64."
                  + " Check that it is responsive (docker info); if it is just slow (a build step"
                  + " that prints nothing for long), raise the limit with"
                  + " -Dlambda.engineTimeout=<seconds>.");
    } finally {
      dockerd.thaw();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    assertThat(log.infos()).anyMatch(line -> line.startsWith("Step 2/"));
    assertThat(Files.exists(context.resolveSibling("context.tar"))).isFalse();
    // The engine, running again, finds its client gone and cancels the build: nothing is tagged.
    try (PlainDockerEngine engine = new PlainDockerEngine(dockerd.endpoint(), IDLE_LIMIT)) {
      Thread.sleep(2000);
      assertThat(engine.inspect(temporaryTag)).isEmpty();
    }
  }

  @Test
  void aPushFromAnEngineFrozenMidUploadEndsWithinTheIdleLimitAndRecordsNoDigest() throws Exception {
    try (LocalRegistryProcess registry =
            LocalRegistryProcess.startWithHtpasswd(directory.resolve("registry"), USER, PASSWORD);
        PlainDockerEngine engine = new PlainDockerEngine(dockerd.endpoint(), IDLE_LIMIT)) {
      String path = RawRegistry.uniqueRepository("frozen-push");
      String repository = registry.address() + "/" + path;
      String imageId =
          engine.build(
              spec(context("push", 64), "lambda-image-build/frozen-push:amd64"), BuildLog.silent());
      engine.tag(imageId, repository, "1-amd64");
      ImageRecords records = ImageRecords.inBuildDirectory(directory.resolve("push-build"));
      records.write(
          ImageRecord.built(
              Architecture.AMD64,
              repository,
              "1-amd64",
              imageId,
              "scratch",
              "example.Handler::handleRequest",
              "sha256:" + "0".repeat(64),
              "amd64"));
      RegistryCredentialProvider credentials =
          host -> Optional.of(RegistryCredentials.basic(USER, PASSWORD, "test credentials"));
      RecordingLog log = new RecordingLog();
      ImagePusher pusher =
          new ImagePusher(
              engine,
              new RegistryClient(credentials, log),
              credentials,
              RetryPolicy.none(),
              log,
              false);
      CompletableFuture<Void> freezer =
          CompletableFuture.runAsync(
              () -> {
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (!registry.uploadStarted(path) && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
                dockerd.freeze();
              });
      long started = System.nanoTime();
      try {
        assertThatThrownBy(() -> pusher.push(records, Architecture.AMD64))
            .hasMessageContaining(
                " sent nothing for 3 s when asked to push " + repository + ":1-amd64. ")
            .hasMessageContaining("-Dlambda.engineTimeout=<seconds>");
        freezer.get(10, TimeUnit.SECONDS);
      } finally {
        dockerd.thaw();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
      assertThat(records.read(Architecture.AMD64).digest()).isNull();
      assertThat(records.read(Architecture.AMD64).imageId()).isEqualTo(imageId);
      assertThatThrownBy(
              () -> new RawRegistry(registry.address(), USER, PASSWORD).manifest(path, "1-amd64"))
          .hasMessageContaining(" answered 404: ");
      engine.removeQuietly(repository + ":1-amd64");
    }
  }

  /** A {@code FROM scratch} image of two layers of {@code megabytes} random bytes each. */
  private static Path context(String name, int megabytes) throws IOException {
    Path context = directory.resolve(name).resolve("context");
    Files.createDirectories(context);
    Files.writeString(
        context.resolve("Dockerfile"), "FROM scratch\nCOPY one /one\nCOPY two /two\n");
    Random random = new Random(42);
    byte[] block = new byte[1024 * 1024];
    for (String file : new String[] {"one", "two"}) {
      try (OutputStream out = Files.newOutputStream(context.resolve(file))) {
        for (int i = 0; i < megabytes; i++) {
          random.nextBytes(block);
          out.write(block);
        }
      }
    }
    return context;
  }

  private static BuildSpec spec(Path context, String temporaryTag) {
    String description =
        temporaryTag.substring(temporaryTag.indexOf('/') + 1, temporaryTag.indexOf(':'));
    return new BuildSpec(
        context,
        context.resolveSibling("context.tar"),
        "linux/amd64",
        Map.of(),
        Map.of(),
        description,
        temporaryTag,
        null,
        null,
        "build");
  }
}
