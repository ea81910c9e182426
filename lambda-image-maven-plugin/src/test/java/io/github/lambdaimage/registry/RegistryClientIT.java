package io.github.lambdaimage.registry;

import static io.github.lambdaimage.registry.MediaTypes.DOCKER_MANIFEST;
import static io.github.lambdaimage.registry.MediaTypes.DOCKER_MANIFEST_LIST;
import static io.github.lambdaimage.registry.MediaTypes.OCI_INDEX;
import static io.github.lambdaimage.registry.MediaTypes.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.registry.RawRegistry.Descriptor;
import io.github.lambdaimage.registry.RawRegistry.Entry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real local registry at {@code 127.0.0.1:5000} (scripts/env-up.sh). */
class RegistryClientIT {

  static final String REGISTRY = "127.0.0.1:5000";

  private final RawRegistry uploads = new RawRegistry(REGISTRY);
  private final RecordingLog log = new RecordingLog();
  private final RegistryClient client =
      new RegistryClient(RegistryCredentialProvider.anonymous(), log);
  private final String repository = RawRegistry.uniqueRepository("registry-client");

  @AfterEach
  void deleteUploads() {
    uploads.deleteAll();
  }

  private ImageReference reference(String tag) {
    return ImageReference.parse(REGISTRY + "/" + repository + ":" + tag);
  }

  @Test
  void resolvesEachArchitectureOfAnOciIndexIgnoringAttestations() {
    Entry amd64 = uploads.platformImage(repository, OCI_MANIFEST, "linux", "amd64", null);
    Entry arm64 = uploads.platformImage(repository, OCI_MANIFEST, "linux", "arm64", "v8");
    Entry attestation = uploads.platformImage(repository, OCI_MANIFEST, "unknown", "unknown", null);
    uploads.index(repository, "multi", OCI_INDEX, attestation, amd64, arm64);

    assertThat(client.resolvePlatform(reference("multi"), Architecture.AMD64))
        .isEqualTo(amd64.descriptor().digest());
    assertThat(client.resolvePlatform(reference("multi"), Architecture.ARM64))
        .isEqualTo(arm64.descriptor().digest());
  }

  @Test
  void resolvesTheEnvironmentsMultiArchitectureBaseImageToItsPerArchitectureImages() {
    ImageReference base = ImageReference.parse(REGISTRY + "/lambda-image-test/java-base:17");

    String amd64 = client.resolvePlatform(base, Architecture.AMD64);
    String arm64 = client.resolvePlatform(base, Architecture.ARM64);

    assertThat(amd64).isNotEqualTo(arm64).isNotEqualTo(client.getManifest(base).digest());
    assertThat(client.getManifest(base).isIndex()).isTrue();
    assertThat(amd64)
        .isEqualTo(client.resolvePlatform(base.withTag("17-amd64"), Architecture.AMD64));
    assertThat(arm64)
        .isEqualTo(client.resolvePlatform(base.withTag("17-arm64"), Architecture.ARM64));
  }

  @Test
  void resolvesAnArchitectureOfADockerManifestList() {
    Entry amd64 = uploads.platformImage(repository, DOCKER_MANIFEST, "linux", "amd64", null);
    Entry arm64 = uploads.platformImage(repository, DOCKER_MANIFEST, "linux", "arm64", null);
    uploads.index(repository, "list", DOCKER_MANIFEST_LIST, amd64, arm64);

    assertThat(client.resolvePlatform(reference("list"), Architecture.ARM64))
        .isEqualTo(arm64.descriptor().digest());
  }

  @Test
  void indexWithoutThePlatformNamesThePlatformsItHas() {
    Entry amd64 = uploads.platformImage(repository, OCI_MANIFEST, "linux", "amd64", null);
    Entry arm = uploads.platformImage(repository, OCI_MANIFEST, "linux", "arm", "v7");
    Entry attestation = uploads.platformImage(repository, OCI_MANIFEST, "unknown", "unknown", null);
    uploads.index(repository, "multi", OCI_INDEX, amd64, arm, attestation);

    assertThatThrownBy(() -> client.resolvePlatform(reference("multi"), Architecture.ARM64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Base image "
                + reference("multi")
                + " has no linux/arm64 image; it has linux/amd64, linux/arm/v7. Choose a base"
                + " image that is published for linux/arm64.");
  }

  @Test
  void singleManifestResolvesToItselfWhenItsConfigMatches() {
    Descriptor arm64 = uploads.image(repository, "arm64", DOCKER_MANIFEST, "linux", "arm64", null);

    assertThat(client.resolvePlatform(reference("arm64"), Architecture.ARM64))
        .isEqualTo(arm64.digest());
  }

  @Test
  void singleManifestOfAnotherArchitectureIsRejectedNamingBoth() {
    uploads.image(repository, "amd64", OCI_MANIFEST, "linux", "amd64", null);

    assertThatThrownBy(() -> client.resolvePlatform(reference("amd64"), Architecture.ARM64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Base image "
                + reference("amd64")
                + " has no linux/arm64 image: it is a single-platform image for linux/amd64. Use"
                + " a multi-platform base image, or one built for linux/arm64.");
  }

  @Test
  void resolvesAReferenceGivenByIndexDigest() {
    Descriptor amd64 = uploads.image(repository, "amd64", OCI_MANIFEST, "linux", "amd64", null);
    Descriptor index =
        uploads.index(repository, "multi", OCI_INDEX, new Entry(amd64, "linux", "amd64", null));

    ImageReference byDigest = reference("multi").withDigest(index.digest()).withoutTag();

    assertThat(client.resolvePlatform(byDigest, Architecture.AMD64)).isEqualTo(amd64.digest());
  }

  @Test
  void getManifestReturnsMediaTypeDigestAndBody() {
    Descriptor amd64 = uploads.image(repository, "amd64", DOCKER_MANIFEST, "linux", "amd64", null);

    Manifest manifest = client.getManifest(reference("amd64"));

    assertThat(manifest.mediaType()).isEqualTo(DOCKER_MANIFEST);
    assertThat(manifest.digest()).isEqualTo(amd64.digest());
    assertThat(Sha256.contentDigest(manifest.body())).isEqualTo(amd64.digest());
    assertThat(manifest.isImageManifest()).isTrue();
  }

  @Test
  void headManifestReturnsTypeAndDigestOrEmpty() {
    Descriptor amd64 = uploads.image(repository, "amd64", OCI_MANIFEST, "linux", "amd64", null);

    Manifest head = client.headManifest(reference("amd64")).orElseThrow();

    assertThat(head.mediaType()).isEqualTo(OCI_MANIFEST);
    assertThat(head.digest()).isEqualTo(amd64.digest());
    assertThat(client.headManifest(reference("missing"))).isEmpty();
  }

  @Test
  void missingTagIsAConfigurationError() {
    uploads.image(repository, "amd64", OCI_MANIFEST, "linux", "amd64", null);

    assertThatThrownBy(() -> client.resolvePlatform(reference("nope"), Architecture.AMD64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Image "
                + reference("nope")
                + " was not found in registry 127.0.0.1:5000 (HTTP 404). Check the repository and"
                + " tag, or push the image first.");
  }

  @Test
  void verifySinglePlatformAcceptsAMatchingImageManifest() {
    Descriptor arm64 = uploads.image(repository, "arm64", OCI_MANIFEST, "linux", "arm64", null);

    Manifest verified = client.verifySinglePlatform(reference("arm64"), Architecture.ARM64);

    assertThat(verified.digest()).isEqualTo(arm64.digest());
  }

  @Test
  void verifySinglePlatformRejectsAnIndex() {
    Descriptor amd64 = uploads.image(repository, "amd64", OCI_MANIFEST, "linux", "amd64", null);
    uploads.index(repository, "multi", OCI_INDEX, new Entry(amd64, "linux", "amd64", null));

    assertThatThrownBy(() -> client.verifySinglePlatform(reference("multi"), Architecture.AMD64))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Registry 127.0.0.1:5000 serves "
                + reference("multi")
                + " as application/vnd.oci.image.index.v1+json, not as a single-platform image"
                + " manifest (application/vnd.docker.distribution.manifest.v2+json or"
                + " application/vnd.oci.image.manifest.v1+json); Lambda rejects image indexes and"
                + " manifest lists. Push a single-platform image, e.g. built without provenance"
                + " attestations.");
  }

  @Test
  void verifySinglePlatformRejectsAnotherArchitecture() {
    uploads.image(repository, "arm64", DOCKER_MANIFEST, "linux", "arm64", null);

    assertThatThrownBy(() -> client.verifySinglePlatform(reference("arm64"), Architecture.AMD64))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Registry 127.0.0.1:5000 serves "
                + reference("arm64")
                + " as an image for linux/arm64, not linux/amd64; rebuild the image for"
                + " linux/amd64 and push it again.");
  }

  @Test
  void unreachableRegistryFailsAfterBoundedRetriesNamingIt() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RegistryClient retrying =
        new RegistryClient(
            RegistryClient.defaultHttpClient(),
            RegistryCredentialProvider.anonymous(),
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), d -> {}),
            Duration.ofSeconds(5),
            log);
    ImageReference reference = ImageReference.parse("127.0.0.1:" + port + "/app:1");

    assertThatThrownBy(() -> retrying.getManifest(reference))
        .isInstanceOf(TransientRegistryException.class)
        .hasMessageStartingWith(
            "Cannot reach registry 127.0.0.1:"
                + port
                + " (GET http://127.0.0.1:"
                + port
                + "/v2/app/manifests/1): ConnectException")
        .hasMessageEndingWith(". Check that the registry is running and reachable.");
    assertThat(log.warnings()).hasSize(1);
    assertThat(log.warnings().get(0))
        .startsWith("GET http://127.0.0.1:" + port + "/v2/app/manifests/1 failed (attempt 1 of 2)");
  }

  @Test
  void usesPlainHttpOnlyForLoopbackRegistries() {
    assertThat(RegistryClient.scheme("127.0.0.1:5000")).isEqualTo("http");
    assertThat(RegistryClient.scheme("127.1.2.3")).isEqualTo("http");
    assertThat(RegistryClient.scheme("localhost:5000")).isEqualTo("http");
    assertThat(RegistryClient.scheme("[::1]:5000")).isEqualTo("http");
    assertThat(RegistryClient.scheme("127.0.0.1.example.com")).isEqualTo("https");
    assertThat(RegistryClient.scheme("registry.example:5000")).isEqualTo("https");
    assertThat(RegistryClient.scheme("10.0.0.1:5000")).isEqualTo("https");
  }
}
