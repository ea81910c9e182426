package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "application/vnd.docker.distribution.manifest.v2+json, true, false",
    "application/vnd.oci.image.manifest.v1+json, true, false",
    "application/vnd.docker.distribution.manifest.list.v2+json, false, true",
    "application/vnd.oci.image.index.v1+json, false, true",
    "application/vnd.docker.distribution.manifest.v1+prettyjws, false, false",
    "application/json, false, false",
  })
  void tellsSinglePlatformManifestsFromIndexes(String type, boolean image, boolean index) {
    assertThat(MediaTypes.isImageManifest(type)).isEqualTo(image);
    assertThat(MediaTypes.isIndex(type)).isEqualTo(index);
  }

  @Test
  void acceptHeaderListsEveryType() {
    assertThat(MediaTypes.acceptHeader())
        .isEqualTo(
            "application/vnd.docker.distribution.manifest.v2+json,"
                + " application/vnd.docker.distribution.manifest.list.v2+json,"
                + " application/vnd.oci.image.manifest.v1+json,"
                + " application/vnd.oci.image.index.v1+json");
  }
}
