package io.github.lambdaimage.cdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeTest {

  @TempDir Path directory;

  private Path script(String name, String body) throws Exception {
    Path file = directory.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void theMachinesNodeIsFoundAndSatisfiesTheMinimum() {
    NodeRuntime node = NodeRuntime.detect("node", directory, Duration.ofSeconds(30));

    assertThat(node.executable()).isEqualTo("node");
    assertThat(node.version().major()).isGreaterThanOrEqualTo(18);
    node.require(NodeRuntime.MINIMUM, "the AWS CDK");
  }

  @Test
  void missingNodeSaysHowToInstallOrPointAtIt() {
    assertThatThrownBy(
            () -> NodeRuntime.detect("/nonexistent/node", directory, Duration.ofSeconds(30)))
        .isInstanceOf(CdkException.class)
        .satisfies(
            e -> assertThat(((CdkException) e).kind()).isEqualTo(CdkException.Kind.ENVIRONMENT))
        .hasMessageStartingWith("Node.js not found: running '/nonexistent/node --version' failed (")
        .hasMessageEndingWith(
            "). The AWS CDK needs Node.js >= 18.0.0: install it (https://nodejs.org) or give its"
                + " path with -Dcdk.node=/path/to/node.");
  }

  @Test
  void tooOldNodeNamesVersionRangeAndFix() throws Exception {
    Path oldNode = script("node16", "echo v16.20.2");

    NodeRuntime node = NodeRuntime.detect(oldNode.toString(), directory, Duration.ofSeconds(30));

    assertThat(node.version()).isEqualTo(new NodeVersion(16, 20, 2));
    assertThatThrownBy(() -> node.require(NodeRuntime.MINIMUM, "aws-cdk 2.1148.1"))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "Node.js v16.20.2 ("
                + oldNode
                + ") is too old for aws-cdk 2.1148.1, which needs Node.js >= 18.0.0. Install a"
                + " newer Node.js (https://nodejs.org) or give its path with"
                + " -Dcdk.node=/path/to/node.");
  }

  @Test
  void programThatPrintsNoVersionIsRejected() throws Exception {
    Path notNode = script("not-node", "echo hello; exit 0");

    assertThatThrownBy(
            () -> NodeRuntime.detect(notNode.toString(), directory, Duration.ofSeconds(30)))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "'"
                + notNode
                + " --version' printed 'hello' (exit 0), not a Node.js version; check"
                + " -Dcdk.node.");
  }
}
