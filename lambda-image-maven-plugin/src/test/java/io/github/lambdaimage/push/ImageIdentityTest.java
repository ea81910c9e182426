package io.github.lambdaimage.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.docker.EngineInfo.ImageStore;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.Manifest;
import io.github.lambdaimage.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which digest names the built image depends on the engine's image store. */
class ImageIdentityTest {

  private static final ImageReference REFERENCE =
      ImageReference.parse("127.0.0.1:5000/app:1-amd64");
  private static final String CONFIG = "sha256:" + "c".repeat(64);
  private static final String MANIFEST = "sha256:" + "a".repeat(64);
  private static final String OTHER = "sha256:" + "f".repeat(64);

  private static Manifest served(String digest, String config) {
    String body =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.DOCKER_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
            + "\"digest\":\""
            + config
            + "\",\"size\":1}}";
    return new Manifest(
        REFERENCE, MediaTypes.DOCKER_MANIFEST, digest, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onTheClassicStoreTheEngineIdIsTheConfigDigest() {
    ImageIdentity identity = new ImageIdentity(ImageStore.CLASSIC, CONFIG);

    assertThat(identity.isServedAs(served(MANIFEST, CONFIG))).isTrue();
    assertThat(identity.isServedAs(served(CONFIG, OTHER))).isFalse();
  }

  @Test
  void anIndexIsNeverTheBuiltImageEvenUnderTheEngineId() {
    Manifest index =
        new Manifest(
            REFERENCE,
            MediaTypes.OCI_INDEX,
            MANIFEST,
            "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThat(new ImageIdentity(ImageStore.CONTAINERD, MANIFEST).isServedAs(index)).isFalse();
    assertThat(new ImageIdentity(ImageStore.CLASSIC, MANIFEST).isServedAs(index)).isFalse();
  }

  @Test
  void onTheContainerdStoreTheEngineIdIsTheManifestDigest() {
    ImageIdentity identity = new ImageIdentity(ImageStore.CONTAINERD, MANIFEST);

    assertThat(identity.isServedAs(served(MANIFEST, CONFIG))).isTrue();
    assertThat(identity.isServedAs(served(OTHER, MANIFEST))).isFalse();
    assertThatNoException()
        .isThrownBy(
            () ->
                identity.requireServed(REFERENCE, served(MANIFEST, CONFIG), Optional.of(MANIFEST)));
  }

  @Test
  void anotherImageUnderTheTagNamesBothAndSuggestsNoRetry() {
    ImageIdentity identity = new ImageIdentity(ImageStore.CONTAINERD, MANIFEST);

    assertThatThrownBy(
            () -> identity.requireServed(REFERENCE, served(OTHER, CONFIG), Optional.empty()))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Registry 127.0.0.1:5000 serves 127.0.0.1:5000/app:1-amd64 as manifest "
                + OTHER
                + " with config "
                + CONFIG
                + ", not the pushed image "
                + MANIFEST
                + " (compared by the manifest digest, as the engine's containerd image store names"
                + " images). Something else pushed this tag after this push; find what else pushes"
                + " to 127.0.0.1:5000/app:1-amd64.");
  }
}
