package io.github.lambdaimage.cdk.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-ins for a CDK app's main class, to test the fork's protocol (CDK_OUTDIR, CDK_CONTEXT_JSON,
 * JSII_NODE, exit status) without aws-cdk-lib; the real app is synthesized in the it module.
 */
final class FakeApps {

  private FakeApps() {}

  /** Writes a manifest with one stack named after the context it received. */
  static final class WritesAssembly {
    public static void main(String[] args) throws IOException {
      Path out = Path.of(System.getenv("CDK_OUTDIR"));
      System.out.println("context " + System.getenv("CDK_CONTEXT_JSON"));
      System.out.println("node " + System.getenv("JSII_NODE"));
      System.out.println("cwd " + Path.of("").toAbsolutePath());
      System.out.println("tmp " + System.getProperty("java.io.tmpdir"));
      Files.writeString(
          out.resolve("manifest.json"),
          "{\"version\":\"54.0.0\",\"artifacts\":{"
              + "\"Stack1\":{\"type\":\"aws:cloudformation:stack\","
              + "\"properties\":{\"templateFile\":\"Stack1.template.json\"}},"
              + "\"Tree\":{\"type\":\"cdk:tree\",\"properties\":{\"file\":\"tree.json\"}}}}");
    }
  }

  /** Fails the way the reference app does on a configuration error. */
  static final class Fails {
    public static void main(String[] args) {
      System.err.println("Synthesis failed: No image manifest at /x/images.json.");
      System.exit(1);
    }
  }

  /** Ends without synthesizing. */
  static final class WritesNothing {
    public static void main(String[] args) {}
  }
}
