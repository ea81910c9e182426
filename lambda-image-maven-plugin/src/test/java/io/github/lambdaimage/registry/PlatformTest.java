package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.model.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  @ParameterizedTest(name = "{0}/{1}/{2} matches {3}: {4}")
  @CsvSource({
    "linux, amd64, , amd64, true",
    "linux, amd64, v1, amd64, true",
    "linux, amd64, v3, amd64, false",
    "linux, arm64, , arm64, true",
    "linux, arm64, v8, arm64, true",
    "linux, arm64, v9, arm64, false",
    "linux, arm, v7, arm64, false",
    "linux, arm64, v8, amd64, false",
    "windows, amd64, , amd64, false",
    "unknown, unknown, , amd64, false",
  })
  void matchesLinuxAndTheArchitectureWithItsDefaultVariant(
      String os, String architecture, String variant, String wanted, boolean matches) {
    Platform platform = new Platform(os, architecture, variant);

    assertThat(platform.matches(Architecture.parse(wanted))).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
  @CsvSource({
    "linux, arm64, v8, linux/arm64/v8, false",
    "linux, amd64, , linux/amd64, false",
    "unknown, unknown, , unknown/unknown, true",
  })
  void printsAsDockerAndRecognisesAttestations(
      String os, String architecture, String variant, String printed, boolean attestation) {
    Platform platform = new Platform(os, architecture, variant);

    assertThat(platform).hasToString(printed);
    assertThat(platform.isAttestation()).isEqualTo(attestation);
  }
}
