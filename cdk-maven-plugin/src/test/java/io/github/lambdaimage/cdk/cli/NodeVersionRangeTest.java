package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeVersionRangeTest {

  @Test
  void nodeVersionOutputIsParsedWithAndWithoutLeadingV() {
    assertThat(NodeVersion.parse("v20.20.2\n")).contains(new NodeVersion(20, 20, 2));
    assertThat(NodeVersion.parse("18.0.0")).contains(new NodeVersion(18, 0, 0));
    assertThat(NodeVersion.parse("v22.1.0-nightly2024")).contains(new NodeVersion(22, 1, 0));
    assertThat(NodeVersion.parse("node: command not found")).isEmpty();
    assertThat(new NodeVersion(20, 20, 2)).hasToString("v20.20.2");
  }

  @ParameterizedTest(name = "{0} includes {1}: {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        ">= 18.0.0; v18.0.0; true",
        ">= 18.0.0; v20.20.2; true",
        ">= 18.0.0; v17.9.1; false",
        ">=18; v18.1.0; true",
        "^18.17.0 || >=20.3.0; v19.0.0; false",
        "^18.17.0 || >=20.3.0; v18.20.0; true",
        "^18.17.0 || >=20.3.0; v20.3.0; true",
        "^20 || ^22; v21.0.0; false",
        "~18.2; v18.2.9; true",
        "~18.2; v18.3.0; false",
        ">= 18 < 23; v22.9.9; true",
        ">= 18 < 23; v23.0.0; false",
        "18.x; v18.5.0; true",
        "18.x; v19.0.0; false",
        "> 18; v18.9.0; false",
        "> 18; v19.0.0; true",
        "<= 20.1; v20.1.7; true",
        "*; v4.0.0; true",
        "=20.20.2; v20.20.2; true",
      })
  void rangeIncludesVersion(String range, String version, boolean included) {
    assertThat(
            NodeVersionRange.parse(range)
                .orElseThrow()
                .includes(NodeVersion.parse(version).orElseThrow()))
        .isEqualTo(included);
  }

  @Test
  void unsupportedSyntaxIsNotGuessed() {
    assertThat(NodeVersionRange.parse("18.0.0 - 20.0.0")).isEmpty();
    assertThat(NodeVersionRange.parse("lts/*")).isEmpty();
  }
}
