package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliInstallationTest {

  @TempDir Path cache;

  private final List<String> warnings = new ArrayList<>();
  private final BuildLog log =
      BuildLog.of(message -> {}, warnings::add, message -> {}, () -> false);

  private static final NodeRuntime NODE_20 = new NodeRuntime("node", new NodeVersion(20, 20, 2));

  private void installed(String version, String engines) throws Exception {
    Path packageDirectory = cache.resolve("aws-cdk-" + version + "/node_modules/aws-cdk");
    Files.createDirectories(packageDirectory);
    Files.writeString(
        packageDirectory.resolve("package.json"),
        "{\"name\":\"aws-cdk\",\"version\":\""
            + version
            + "\",\"bin\":{\"cdk\":\"bin/cdk\"},\"engines\":{\"node\":\""
            + engines
            + "\"}}");
  }

  @Test
  void installedVersionRunsItsBinWithTheCheckedNode() throws Exception {
    installed("2.1148.1", ">= 18.0.0");

    CdkCli cli =
        new CliInstallation(NODE_20, "npm", cache, log, Duration.ofMinutes(10)).resolve("2.1148.1");

    assertThat(cli.command())
        .containsExactly(
            "node", cache.resolve("aws-cdk-2.1148.1/node_modules/aws-cdk/bin/cdk").toString());
    assertThat(cli.description()).isEqualTo("aws-cdk 2.1148.1");
    assertThat(warnings).isEmpty();
  }

  @Test
  void nodeOutsideTheClisEnginesIsRefused() throws Exception {
    installed("3.0.0", ">= 22.0.0");

    assertThatThrownBy(
            () ->
                new CliInstallation(NODE_20, "npm", cache, log, Duration.ofMinutes(10))
                    .resolve("3.0.0"))
        .isInstanceOf(CdkException.class)
        .hasMessageStartingWith(
            "Node.js v20.20.2 (node) is too old for aws-cdk 3.0.0, which needs Node.js >="
                + " 22.0.0.");
  }

  @Test
  void enginesInUnknownSyntaxAreReportedNotGuessed() throws Exception {
    installed("2.0.0", "18 - 22");

    new CliInstallation(NODE_20, "npm", cache, log, Duration.ofMinutes(10)).resolve("2.0.0");

    assertThat(warnings)
        .containsExactly("aws-cdk 2.0.0 declares engines.node '18 - 22'; not checked.");
  }

  @Test
  void versionThatIsNotAVersionIsRefusedBeforeNpmRuns() {
    assertThatThrownBy(
            () ->
                new CliInstallation(NODE_20, "npm", cache, log, Duration.ofMinutes(10))
                    .resolve("latest; rm -rf /"))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "AWS CDK CLI version 'latest; rm -rf /' is not a version number such as 2.1148.1;"
                + " check -Dcdk.cliVersion.");
  }

  @Test
  void missingNpmSaysHowToInstallOrUseAnInstalledCli() throws Exception {
    assertThatThrownBy(
            () ->
                new CliInstallation(NODE_20, "/nonexistent/npm", cache, log, Duration.ofMinutes(10))
                    .resolve("2.1148.1"))
        .isInstanceOf(CdkException.class)
        .hasMessageStartingWith("npm not found: running '/nonexistent/npm' failed (")
        .hasMessageEndingWith(
            "Install npm (it comes with Node.js), give it with -Dcdk.npm, or give an installed CLI"
                + " with -Dcdk.executable=/path/to/cdk.");
    try (var left = Files.list(cache)) {
      assertThat(left).as("no half install is left behind").isEmpty();
    }
  }
}
