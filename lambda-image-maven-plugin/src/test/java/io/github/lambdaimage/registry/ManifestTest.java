package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading manifests and indexes as registries serve them. */
class ManifestTest {

  private static final ImageReference REFERENCE = ImageReference.parse("127.0.0.1:5000/app:1");
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static Manifest manifest(String mediaType, String body) {
    return new Manifest(REFERENCE, mediaType, DIGEST, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anIndexListsItsEntriesWithTheirPlatforms() {
    Manifest index =
        manifest(
            MediaTypes.OCI_INDEX,
            "{\"schemaVersion\":2,\"manifests\":["
                + "{\"digest\":\"sha256:1\",\"mediaType\":\"m\",\"size\":10,"
                + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
                + "{\"digest\":\"sha256:2\",\"mediaType\":\"m\"}]}");

    assertThat(index.entries())
        .containsExactly(
            new Manifest.Entry("sha256:1", "m", new Platform("linux", "arm64", "v8")),
            new Manifest.Entry("sha256:2", "m", new Platform(null, null, null)));
  }

  @Test
  void anImageManifestNamesItsConfigDigest() {
    Manifest image =
        manifest(
            MediaTypes.DOCKER_MANIFEST,
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:c\",\"size\":7109},\"layers\":[]}");

    assertThat(image.configDigest()).isEqualTo("sha256:c");
    assertThat(image.entries()).isEmpty();
  }

  @Test
  void aManifestWithoutConfigDigestIsRefusedNamingIt() {
    assertThatThrownBy(() -> manifest(MediaTypes.OCI_MANIFEST, "{\"config\":{}}").configDigest())
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "The manifest of 127.0.0.1:5000/app:1 (application/vnd.oci.image.manifest.v1+json) has"
                + " no config digest.");
  }

  @Test
  void aDocumentThatIsNotJsonIsRefusedNamingTheImage() {
    assertThatThrownBy(() -> manifest(MediaTypes.OCI_MANIFEST, "<html>").configDigest())
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "The registry sent a document for 127.0.0.1:5000/app:1 that is not JSON: ");
  }
}
