package io.github.lambdaimage.infra;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;

/** Builds the app the way {@link LambdaImageInfra#main} does, with context from a test. */
final class TestApps {

  /** The test fixtures' directory; manifests in context are relative to it. */
  static final Path MANIFESTS = Path.of("src/test/resources/manifests").toAbsolutePath();

  static final String ARM64_DIGEST =
      "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  static final String AMD64_DIGEST =
      "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  private TestApps() {}

  /** An app with {@code context}, writing its assembly to {@code outdir}. */
  static App app(Map<String, String> context, Path outdir) {
    return App.Builder.create().context(context).outdir(outdir.toString()).build();
  }

  /** The stacks of an app with {@code context}, relative manifests resolved in the fixtures. */
  static LambdaImageStacks.Stacks stacks(Map<String, String> context, Path outdir) {
    return LambdaImageStacks.fromContext(app(context, outdir), MANIFESTS);
  }
}
