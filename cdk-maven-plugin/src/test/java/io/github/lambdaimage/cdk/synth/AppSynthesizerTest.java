package io.github.lambdaimage.cdk.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.log.BuildLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSynthesizerTest {

  @TempDir Path module;

  private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
  private final BuildLog log =
      BuildLog.of(
          logged::add, message -> logged.add("WARN " + message), message -> {}, () -> false);

  private SynthRequest request(Class<?> mainClass, Map<String, String> context) {
    return new SynthRequest(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        List.of(System.getProperty("java.class.path").split(File.pathSeparator)),
        mainClass.getName(),
        module,
        module.resolve("target/cdk.out"),
        context,
        "/opt/node/bin/node",
        module.resolve("target/cdk-tmp"),
        Duration.ofMinutes(5));
  }

  @Test
  void appGetsOutputDirectoryContextAndNodeAndItsAssemblyIsRead() throws Exception {
    Path stale =
        Files.createDirectories(module.resolve("target/cdk.out")).resolve("Old.template.json");
    Files.writeString(stale, "{}");

    CloudAssemblySummary assembly =
        new AppSynthesizer(log)
            .synthesize(
                request(
                    FakeApps.WritesAssembly.class, Map.of("lambda.arch", "arm64", "a", "\"q\"")));

    assertThat(assembly.schemaVersion()).isEqualTo("54.0.0");
    assertThat(assembly.stacks())
        .containsExactly(new CloudAssemblySummary.Stack("Stack1", "Stack1.template.json"));
    assertThat(stale).as("a previous synthesis's files are removed").doesNotExist();
    assertThat(logged)
        .contains(
            "context {\"a\":\"\\\"q\\\"\",\"lambda.arch\":\"arm64\"}",
            "node /opt/node/bin/node",
            "tmp " + module.resolve("target/cdk-tmp"),
            "cwd " + module);
  }

  @Test
  void failingAppIsQuotedInTheFailure() {
    assertThatThrownBy(
            () -> new AppSynthesizer(log).synthesize(request(FakeApps.Fails.class, Map.of())))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "The CDK app "
                + FakeApps.Fails.class.getName()
                + " failed (exit 1):\n  Synthesis failed: No image manifest at /x/images.json.")
        .satisfies(
            e -> assertThat(((CdkException) e).kind()).isEqualTo(CdkException.Kind.TOOL_FAILED));
  }

  @Test
  void appThatWritesNoAssemblyIsAFailure() {
    assertThatThrownBy(
            () ->
                new AppSynthesizer(log).synthesize(request(FakeApps.WritesNothing.class, Map.of())))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "The CDK app "
                + FakeApps.WritesNothing.class.getName()
                + " ended without writing a cloud assembly to "
                + module.resolve("target/cdk.out")
                + "; its main method must call app.synth().");
  }

  @Test
  void missingMainClassSaysWhereToSetIt() {
    assertThatThrownBy(
            () ->
                new AppSynthesizer(log)
                    .synthesize(
                        new SynthRequest(
                            "java",
                            List.of(),
                            " ",
                            module,
                            module.resolve("out"),
                            Map.of(),
                            "node",
                            module.resolve("tmp"),
                            Duration.ofMinutes(5))))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "No CDK app main class: set <mainClass> in the cdk-maven-plugin's configuration or"
                + " -Dcdk.mainClass=<class>.");
  }
}
