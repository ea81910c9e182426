package io.github.lambdaimage.cdk.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.process.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorLinesTest {

  @Test
  void errorLinesOnStandardErrorAreQuotedWithoutStackFramesOrBanners() {
    ProcessResult result =
        new ProcessResult(
            1,
            List.of("LambdaImageRegistry"),
            List.of(
                "!!  Node 20 is end-of-life and not supported anymore by this software  !!",
                "Synthesis failed: No image manifest at /m/images.json.",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                "\tat io.github.Example.main(Example.java:3)",
                "    at Object.<anonymous> (/x/index.js:1:1)"));

    assertThat(ErrorLines.of(result))
        .containsExactly(
            "Synthesis failed: No image manifest at /m/images.json.",
            "Exception in thread \"main\" java.lang.IllegalStateException: boom");
  }

  @Test
  void withoutErrorWordsTheLastLinesOfStandardErrorAreQuoted() {
    ProcessResult result =
        new ProcessResult(2, List.of("ignored"), List.of("a", "", "b", "c", "d", "e", "f"));

    assertThat(ErrorLines.of(result)).containsExactly("b", "c", "d", "e", "f");
  }

  @Test
  void standardOutputIsUsedWhenStandardErrorIsEmpty() {
    ProcessResult result = new ProcessResult(1, List.of("fine", "Error: it broke"), List.of());

    assertThat(ErrorLines.of(result)).containsExactly("Error: it broke");
  }

  @Test
  void atMostFifteenLinesTheLastOnes() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add("Error " + i);
    }

    assertThat(ErrorLines.of(new ProcessResult(1, List.of(), lines)))
        .hasSize(ErrorLines.MAX_LINES)
        .startsWith("Error 6")
        .endsWith("Error 20");
  }
}
