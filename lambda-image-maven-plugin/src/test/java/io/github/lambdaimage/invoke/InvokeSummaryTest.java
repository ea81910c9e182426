package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvokeSummaryTest {

  @Test
  void reportsInitColdAndWarmTimesAndEmulation() {
    InvokeReport report =
        new InvokeReport(
            image(Architecture.ARM64),
            "amd64",
            Duration.ofMillis(2345),
            List.of(
                new InvokeReport.InvocationResult("a.json", "r1", Duration.ofMillis(812), "{}"),
                new InvokeReport.InvocationResult("b.json", "r2", Duration.ofMillis(9), "{}")));

    assertThat(FunctionInvoker.summary(report))
        .isEqualTo(
            "Init 2345 ms (container start to first /invocation/next), a.json 812 ms (cold),"
                + " b.json 9 ms (warm); emulated: arm64 image on an amd64 engine");
    assertThat(report.emulated()).isTrue();
  }

  @Test
  void saysNativeWhenTheEngineHasTheImagesArchitecture() {
    InvokeReport report =
        new InvokeReport(
            image(Architecture.AMD64),
            "amd64",
            Duration.ofMillis(700),
            List.of(
                new InvokeReport.InvocationResult("a.json", "r1", Duration.ofMillis(90), "{}")));

    assertThat(FunctionInvoker.summary(report)).endsWith("a.json 90 ms (cold); native amd64");
    assertThat(report.emulated()).isFalse();
  }

  private static ImageRecord image(Architecture architecture) {
    return ImageRecord.built(
        architecture,
        "hello",
        "1-" + architecture,
        "sha256:1",
        "base",
        "a.B::c",
        "sha256:2",
        architecture.dockerName());
  }
}
