package io.github.lambdaimage.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

  @Test
  void readsTheDocumentedErrorBody() {
    ErrorReport report =
        ErrorReport.parse(
            "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\","
                + "\"stackTrace\":[\"a.B.c(B.java:1)\",\"a.B.d(B.java:2)\"]}",
            "Runtime.Unhandled");

    assertThat(report.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(report.errorMessage()).isEqualTo("boom");
    assertThat(report.stackTrace()).containsExactly("a.B.c(B.java:1)", "a.B.d(B.java:2)");
  }

  @Test
  void keepsABodyThatIsNotJsonWholeAndTakesTheTypeFromTheHeader() {
    ErrorReport report = ErrorReport.parse("segmentation fault", "Runtime.ExitError");

    assertThat(report)
        .isEqualTo(
            new ErrorReport(
                "Runtime.ExitError", "segmentation fault", List.of(), "segmentation fault"));
  }

  @Test
  void fallsBackToUnknownWithoutTypeInBodyOrHeader() {
    assertThat(ErrorReport.parse("{\"errorMessage\":\"x\"}", null).errorType())
        .isEqualTo("Unknown");
  }

  @Test
  void describesTypeMessageAndStackTraceOnePerLine() {
    ErrorReport report =
        new ErrorReport("java.lang.IllegalStateException", "no", List.of("a.B.c(B.java:1)"), "");

    assertThat(report.describe())
        .isEqualTo(
            "java.lang.IllegalStateException: no" + System.lineSeparator() + "    a.B.c(B.java:1)");
  }
}
