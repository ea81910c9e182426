package io.github.lambdaimage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {

  @ParameterizedTest
  @CsvSource({
    "amd64, AMD64",
    "x86_64, AMD64",
    "linux/amd64, AMD64",
    "arm64, ARM64",
    "aarch64, ARM64",
    "linux/arm64, ARM64",
    "' arm64 ', ARM64"
  })
  void parsesNamesAliasesAndPlatforms(String value, Architecture expected) {
    assertThat(Architecture.parse(value)).isEqualTo(expected);
  }

  @Test
  void mapsEachArchitectureToPlatformAndLambdaName() {
    assertThat(Architecture.AMD64.platform()).isEqualTo("linux/amd64");
    assertThat(Architecture.AMD64.lambdaName()).isEqualTo("x86_64");
    assertThat(Architecture.ARM64.platform()).isEqualTo("linux/arm64");
    assertThat(Architecture.ARM64.lambdaName()).isEqualTo("arm64");
    assertThat(Architecture.fromLambdaName("x86_64")).isEqualTo(Architecture.AMD64);
    assertThat(Architecture.fromLambdaName("arm64")).isEqualTo(Architecture.ARM64);
  }

  @Test
  void defaultIsLambdasDefaultNotTheHosts() {
    assertThat(Architecture.DEFAULT).isEqualTo(Architecture.AMD64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86", "ARM", "i386", "ppc64le", "amd"})
  void rejectsUnknownNamesWithTheValueAndTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> Architecture.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown architecture '" + value + "'; accepted values: ")
        .hasMessageContaining("amd64 (alias x86_64), arm64 (alias aarch64)");
  }

  @Test
  void suggestsTheLowerCaseSpelling() {
    assertThatThrownBy(() -> Architecture.parse("ARM64"))
        .hasMessageContaining("did you mean 'arm64'? Names are lower case");
    assertThatThrownBy(() -> Architecture.parse("x86"))
        .hasMessageContaining("did you mean 'amd64'?");
  }

  @Test
  void parsesListsKeepingOrderAndDroppingAliasDuplicates() {
    assertThat(Architecture.parseList("arm64,amd64"))
        .containsExactly(Architecture.ARM64, Architecture.AMD64);
    assertThat(Architecture.parseList("amd64, x86_64,aarch64"))
        .containsExactly(Architecture.AMD64, Architecture.ARM64);
    assertThat(Architecture.join(List.of(Architecture.AMD64, Architecture.ARM64)))
        .isEqualTo("amd64,arm64");
  }

  @Test
  void rejectsEmptyListsAndEmptyElements() {
    assertThatThrownBy(() -> Architecture.parseList(""))
        .hasMessageStartingWith("Architecture list is empty");
    assertThatThrownBy(() -> Architecture.parseList("amd64,,arm64"))
        .hasMessageStartingWith("Architecture list 'amd64,,arm64' has an empty element");
    assertThatThrownBy(() -> Architecture.parseList("amd64,"))
        .hasMessageStartingWith("Architecture list 'amd64,' has an empty element");
  }

  @Test
  void namesTheBadElementOfAList() {
    assertThatThrownBy(() -> Architecture.parseList("amd64,x86"))
        .hasMessageStartingWith("Architecture list 'amd64,x86': Unknown architecture 'x86'");
  }
}
