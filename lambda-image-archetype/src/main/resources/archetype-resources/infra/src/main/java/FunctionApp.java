package ${package};

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The CDK app: one function stack from the handler's {@code images.json}. Context (or {@code -D}
 * properties through the cdk-maven-plugin): {@code lambda.image.manifest}, the images.json or
 * image.json to deploy (default: the handler module's), and {@code lambda.arch}, which image of
 * several.
 */
public final class FunctionApp {

  static final String DEFAULT_MANIFEST = "../handler/target/lambda-image/images.json";

  private FunctionApp() {}

  /** Synthesizes the app into the directory the CDK CLI or cdk-maven-plugin gives. */
  public static void main(String[] args) {
    App app = new App();
    Object manifest = app.getNode().tryGetContext("lambda.image.manifest");
    Object arch = app.getNode().tryGetContext("lambda.arch");
    ImageRecord image =
        select(
            read(Path.of(manifest == null ? DEFAULT_MANIFEST : manifest.toString())),
            arch == null ? null : arch.toString());
    new FunctionStack(app, "Function", image);
    app.synth();
  }

  static List<ImageRecord> read(Path manifest) {
    return manifest.getFileName().toString().equals(ImageRecords.INDEX_FILE)
        ? ImageRecords.readIndexFile(manifest)
        : List.of(ImageRecords.readFile(manifest));
  }

  /** The image of architecture {@code arch}, or the only image when {@code arch} is null. */
  static ImageRecord select(List<ImageRecord> images, String arch) {
    if (arch == null && images.size() == 1) {
      return images.get(0);
    }
    if (arch == null) {
      throw new IllegalArgumentException(
          "Several images to choose from; pass -Dlambda.arch=amd64 or -Dlambda.arch=arm64");
    }
    Architecture wanted = Architecture.parse(arch);
    return images.stream()
        .filter(image -> image.arch() == wanted)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No "
                        + wanted.dockerName()
                        + " image in the manifest; build it with ./mvnw deploy -Dlambda.arch="
                        + wanted.dockerName()));
  }
}
