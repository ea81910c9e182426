package io.github.lambdaimage.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class RuntimeModeTest {

  @Test
  void parsesBothModes() {
    assertThat(RuntimeMode.parse("official")).isEqualTo(RuntimeMode.OFFICIAL);
    assertThat(RuntimeMode.parse("custom")).isEqualTo(RuntimeMode.CUSTOM);
  }

  @Test
  void rejectsUnknownModeNamingValueAndAcceptedOnes() {
    assertThatThrownBy(() -> RuntimeMode.parse("Custom"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Unknown runtime 'Custom' (property lambda.runtime); accepted values: official (an"
                + " AWS Lambda base image), custom (any JRE base image, the plugin adds the"
                + " runtime interface client).");
  }
}
