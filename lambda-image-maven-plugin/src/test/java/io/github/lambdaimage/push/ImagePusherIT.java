package io.github.lambdaimage.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.MediaTypes;
import io.github.lambdaimage.registry.RawRegistry;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RetryPolicy;
import io.github.lambdaimage.registry.TestImages;
import io.github.lambdaimage.registry.TransientRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes through the real engine to the real local registry {@code 127.0.0.1:5000}. */
class ImagePusherIT {

  static final String REGISTRY = "127.0.0.1:5000";
  private static final String STALE_DIGEST = "sha256:" + "e".repeat(64);

  @TempDir Path buildDirectory;
  private final RecordingLog log = new RecordingLog();
  private final String repository = REGISTRY + "/" + RawRegistry.uniqueRepository("push");
  private final RawRegistry raw = new RawRegistry(REGISTRY);
  private final List<String> pushedDigests = new ArrayList<>();
  private DockerEngine engine;
  private DockerClient docker;
  private TestImages images;
  private ImageRecords records;

  @BeforeEach
  void connect() {
    engine = TestEngines.plain();
    docker = TestEngines.dockerJavaClient();
    images = new TestImages(docker);
    records = ImageRecords.inBuildDirectory(buildDirectory);
  }

  @AfterEach
  void cleanUp() {
    String path = repository.substring(REGISTRY.length() + 1);
    pushedDigests.forEach(digest -> raw.deleteManifest(path, digest));
    images.close();
    engine.close();
    TestEngines.close(docker);
  }

  private ImagePusher pusher(RetryPolicy retry) {
    RegistryCredentialProvider anonymous = RegistryCredentialProvider.anonymous();
    return new ImagePusher(
        engine, new RegistryClient(anonymous, log), anonymous, retry, log, false);
  }

  @Test
  void pushesBothArchitecturesAsSinglePlatformManifestsAndRecordsTheRegistryDigest() {
    ImagePusher pusher = pusher(RetryPolicy.standard());
    records.recordBuild(
        Architecture.all().stream()
            .map(architecture -> images.tagBase(architecture, repository, "1.0-" + architecture))
            .toList());

    for (Architecture architecture : Architecture.values()) {
      long started = System.nanoTime();
      ImageRecord pushed = pusher.push(records, architecture);
      pushedDigests.add(pushed.digest());
      log.info(
          "measured: push of "
              + architecture
              + " took "
              + Duration.ofNanos(System.nanoTime() - started).toMillis()
              + " ms");
    }

    String path = repository.substring(REGISTRY.length() + 1);
    for (Architecture architecture : Architecture.values()) {
      RawRegistry.Served served = raw.manifest(path, "1.0-" + architecture);
      assertThat(served.contentType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(served.body().path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(served.body().has("manifests")).isFalse();
      String configDigest = served.body().path("config").path("digest").asText();
      assertThat(raw.blob(path, configDigest).path("architecture").asText())
          .isEqualTo(architecture.dockerName());
      assertThat(raw.blob(path, configDigest).path("os").asText()).isEqualTo("linux");
      ImageRecord record = records.read(architecture);
      assertThat(record.digest()).isEqualTo(served.digestHeader());
      assertThat(configDigest).isEqualTo(record.imageId());
    }
    assertThat(ImageRecords.readIndexFile(records.indexFile()))
        .extracting(ImageRecord::architecture, ImageRecord::digest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Architecture.AMD64, records.read(Architecture.AMD64).digest()),
            org.assertj.core.groups.Tuple.tuple(
                Architecture.ARM64, records.read(Architecture.ARM64).digest()));
    assertThat(log.infos())
        .anyMatch(line -> line.startsWith("Pushed " + repository + "@sha256:"))
        .anyMatch(line -> line.contains("already in the registry, in "));
  }

  @Test
  void aTagThatAlreadyHoldsTheBuiltImageIsRecordedWithoutPushingAgain() {
    records.write(images.tiny(Architecture.AMD64, repository, "rerun-amd64"));
    ImageRecord first = pusher(RetryPolicy.none()).push(records, Architecture.AMD64);
    pushedDigests.add(first.digest());
    records.write(first.withDigest(null));
    int before = log.infos().size();

    ImageRecord again = pusher(RetryPolicy.none()).push(records, Architecture.AMD64);

    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(records.read(Architecture.AMD64).digest()).isEqualTo(first.digest());
    assertThat(log.infos().subList(before, log.infos().size()))
        .containsExactly(
            "Registry "
                + REGISTRY
                + " already serves this image as "
                + repository
                + ":rerun-amd64 ("
                + repository
                + "@"
                + first.digest()
                + ", linux/amd64); recorded its digest without pushing.");
  }

  @Test
  void aFailedPushLeavesNoDigestNotEvenAStaleOne() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "127.0.0.1:" + closedPort + "/lambda-image-it/unreachable";
    records.write(images.tagBase(Architecture.AMD64, unreachable, "1").withDigest(STALE_DIGEST));
    RetryPolicy twice = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), d -> {});

    // the first request to the registry is the check whether the tag already holds the image
    assertThatThrownBy(() -> pusher(twice).push(records, Architecture.AMD64))
        .isInstanceOf(TransientRegistryException.class)
        .hasMessage(
            "Cannot reach registry 127.0.0.1:"
                + closedPort
                + " (HEAD http://"
                + unreachable.replace("/lambda-image-it", "/v2/lambda-image-it")
                + "/manifests/1): ConnectException. Check that the registry is running and"
                + " reachable.");
    assertThat(records.read(Architecture.AMD64).digest()).isNull();
    assertThat(ImageRecords.readIndexFile(records.indexFile()).get(0).digest()).isNull();
  }

  @Test
  void refusesARecordWithoutArchitectureCheck() {
    ImageRecord built = images.tagBase(Architecture.ARM64, repository, "unchecked");
    records.write(built.withVerifiedArchitecture(null));

    assertThatThrownBy(() -> pusher(RetryPolicy.none()).push(records, Architecture.ARM64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Refusing to push "
                + repository
                + ":unchecked: "
                + records.imageFile(Architecture.ARM64)
                + " is for arm64 but has no architecture check. Rebuild it: ./mvnw package"
                + " -Dlambda.arch=arm64.");
  }

  @Test
  void refusesARecordWhoseArchitectureCheckFailed() {
    ImageRecord built = images.tagBase(Architecture.ARM64, repository, "wrong");
    records.write(built.withVerifiedArchitecture("amd64"));

    assertThatThrownBy(() -> pusher(RetryPolicy.none()).push(records, Architecture.ARM64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("is for arm64 but records that the built image is amd64.");
  }

  @Test
  void refusesARepositoryThatNamesNoRegistry() {
    records.write(images.tagBase(Architecture.AMD64, "lambda-image-it/no-registry", "1"));

    assertThatThrownBy(() -> pusher(RetryPolicy.none()).push(records, Architecture.AMD64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Image repository 'lambda-image-it/no-registry' names no registry, so it would go to"
                + " Docker Hub. Set lambda.image.repository to <registry>/<name>, e.g."
                + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/lambda-image-it/no-registry (or"
                + " docker.io/<user>/lambda-image-it/no-registry if Docker Hub is meant), and build"
                + " again.");
  }

  @Test
  void refusesWhenTheEngineTagNoLongerIsTheBuiltImage() {
    ImageRecord amd64 = images.tagBase(Architecture.AMD64, repository, "retagged");
    ImageRecord arm64 = images.tagBase(Architecture.ARM64, repository + "-other", "x");
    records.write(
        new ImageRecord(
            Architecture.AMD64,
            repository,
            "retagged",
            arm64.imageId(),
            null,
            amd64.baseImage(),
            amd64.handler(),
            amd64.contextDigest(),
            "amd64",
            null));

    assertThatThrownBy(() -> pusher(RetryPolicy.none()).push(records, Architecture.AMD64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The engine's "
                + repository
                + ":retagged is image "
                + amd64.imageId()
                + ", not the built image "
                + arm64.imageId()
                + " that image.json records; it was retagged since the build. Build again before"
                + " pushing.");
  }

  @Test
  void missingRecordSaysToBuildFirst() {
    assertThatThrownBy(() -> pusher(RetryPolicy.none()).push(records, Architecture.AMD64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "No image record at "
                + records.imageFile(Architecture.AMD64)
                + "; build the image first, e.g. ./mvnw package -Dlambda.arch=<arch>.");
  }
}
