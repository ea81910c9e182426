package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelInstructionTest {

  @Test
  void noLabelsIsNoInstruction() {
    assertThat(LabelInstruction.of(Map.of())).isEmpty();
  }

  @Test
  void labelsBecomeOneSortedInstructionWithQuotedValues() {
    assertThat(LabelInstruction.of(Map.of("b.key", "two", "a.key", "one")))
        .isEqualTo("\nLABEL \"a.key\"=\"one\" \"b.key\"=\"two\"\n");
  }

  @Test
  void quotesBackslashesAndDollarsAreEscapedSoNothingIsSubstituted() {
    assertThat(LabelInstruction.of(Map.of("k", "say \"hi\" to $USER at C:\\temp")))
        .isEqualTo("\nLABEL \"k\"=\"say \\\"hi\\\" to \\$USER at C:\\\\temp\"\n");
  }

  @Test
  void lineBreakInAValueIsRejected() {
    assertThatThrownBy(() -> LabelInstruction.of(Map.of("org.example.note", "a\nRUN evil")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Image label org.example.note has a line break in 'a\\nRUN evil'; give a single-line"
                + " value.");
  }
}
