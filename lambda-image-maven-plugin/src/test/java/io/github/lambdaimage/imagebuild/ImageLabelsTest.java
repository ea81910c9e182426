package io.github.lambdaimage.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLabelsTest {

  @Test
  void freeFormLabelsAreKeptInKeyOrderAndAnEmptyValueIsEmpty() {
    Map<String, String> labels = new HashMap<>();
    labels.put("com.example.team", "payments");
    labels.put("org.opencontainers.image.vendor", "Example Corp");
    labels.put("com.example.empty", null);

    assertThat(ImageLabels.userLabels(labels))
        .containsExactly(
            Map.entry("com.example.empty", ""),
            Map.entry("com.example.team", "payments"),
            Map.entry("org.opencontainers.image.vendor", "Example Corp"));
    assertThat(ImageLabels.userLabels(null)).isEmpty();
  }

  @Test
  void aReservedKeyIsRefusedWithAKeyOfTheUsersOwnSuggested() {
    assertThatThrownBy(
            () -> ImageLabels.userLabels(Map.of("io.github.lambdaimage.architecture", "arm64")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "<labels> sets io.github.lambdaimage.architecture, but keys starting with"
                + " io.github.lambdaimage. are reserved for lambda-image (the up-to-date check and"
                + " the image records read them). Use a key of your own, e.g."
                + " com.example.architecture.");
  }

  @Test
  void aLineBreakInAValueIsRefused() {
    assertThatThrownBy(() -> ImageLabels.userLabels(Map.of("com.example.note", "one\ntwo")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("<labels> value of com.example.note has a line break; write it on one line.");
  }
}
