package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliVersionTest {

  @Test
  void pinnedVersionIsTheBuildsAwsCdkCliVersion() {
    assertThat(CliVersion.pinned()).isEqualTo(System.getProperty("expected.cli.version"));
  }
}
