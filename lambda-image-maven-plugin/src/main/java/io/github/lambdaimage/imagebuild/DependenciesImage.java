package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.context.BuildContext;
import io.github.lambdaimage.context.InputHash;
import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.docker.BuildSpec;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.ImageState;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.render.DockerfileSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The image of a module's dependencies for one architecture: the rendered Dockerfile without its
 * last {@code COPY app/}, built from {@code lib/} and {@code runtime/} only. It is named by the
 * hash of what it is built from, {@code lambda-image-dependencies/<name>:<hash>-<arch>}, so an
 * engine that has the tag already has the image and it is not built again. The tag it replaces
 * (recorded in {@code target/lambda-image/<arch>/dependencies-image}) is removed.
 */
final class DependenciesImage {

  /** The repository prefix of dependencies images, outside any project's names. */
  static final String REPOSITORY = "lambda-image-dependencies/";

  /** The file naming the dependencies image this module's architecture last used. */
  static final String RECORD = "dependencies-image";

  /** The dependencies image's Dockerfile, beside the context. */
  static final String DOCKERFILE = "Dockerfile.dependencies";

  private final DockerEngine engine;
  private final Architecture architecture;
  private final Path directory;
  private final BuildLog log;

  /**
   * @param directory the architecture's working directory, {@code target/lambda-image/<arch>}
   */
  DependenciesImage(DockerEngine engine, Architecture architecture, Path directory, BuildLog log) {
    this.engine = engine;
    this.architecture = architecture;
    this.directory = directory;
    this.log = log;
  }

  /**
   * Makes sure the engine has the dependencies image of {@code split}: reuses it when the engine
   * has its tag for the platform, else builds it (temporary tag, platform verified, then the real
   * tag).
   *
   * @return its tag
   */
  String ensure(
      DockerfileSplit split,
      BuildContext context,
      String repository,
      String baseImage,
      Map<String, String> buildArgs) {
    Path dockerfile = directory.resolve(DOCKERFILE);
    writeIfChanged(dockerfile, split.dependencies());
    String hash = hash(split, context, baseImage, buildArgs);
    String name = REPOSITORY + imageName(repository);
    String tag =
        hash.substring("sha256:".length(), "sha256:".length() + 16)
            + "-"
            + architecture.dockerName();
    String image = name + ":" + tag;
    Optional<ImageState> existing = engine.inspect(image);
    if (existing.isPresent() && architecture.platform().equals(existing.get().platform())) {
      log.info("Reusing dependencies image " + image);
    } else {
      build(dockerfile, context, buildArgs, name, tag);
      log.info("Built dependencies image " + image);
    }
    replaceRecorded(image);
    return image;
  }

  private void build(
      Path dockerfile,
      BuildContext context,
      Map<String, String> buildArgs,
      String name,
      String tag) {
    try (TemporaryTag temporary = new TemporaryTag(engine, architecture)) {
      String imageId =
          temporary.build(
              () ->
                  engine.build(
                      new BuildSpec(
                          context.directory(),
                          directory.resolve("dependencies.tar"),
                          architecture.platform(),
                          Map.of(),
                          buildArgs,
                          name + ":" + tag,
                          temporary.name(),
                          dockerfile,
                          Set.of(BuildContext.LIB, BuildContext.RUNTIME),
                          "dependencies"),
                      log));
      String platform =
          engine.inspect(imageId).map(ImageState::platform).orElse("no image (it disappeared)");
      if (!platform.equals(architecture.platform())) {
        throw new EnvironmentException(
            "The dependencies image built for "
                + architecture.platform()
                + " reports "
                + platform
                + ". The engine did not honour the platform; make sure it can run "
                + architecture.platform()
                + " images (QEMU/binfmt_misc or Docker Desktop).");
      }
      engine.tag(imageId, name, tag);
    }
  }

  /** The hash of the Dockerfile, the files of {@code lib/} and {@code runtime/}, and parameters. */
  private String hash(
      DockerfileSplit split,
      BuildContext context,
      String baseImage,
      Map<String, String> buildArgs) {
    SortedMap<String, String> files = new TreeMap<>();
    context
        .files()
        .forEach(
            (path, sha256) -> {
              if (path.startsWith(BuildContext.LIB + "/")
                  || path.startsWith(BuildContext.RUNTIME + "/")) {
                files.put(path, sha256);
              }
            });
    files.put(BuildContext.DOCKERFILE, Sha256.hex(split.dependencies()));
    return new InputHash()
        .context(new BuildContext(context.directory(), files, 0))
        .parameter("platform", architecture.platform())
        .parameter("baseImage", baseImage)
        .parameters("buildArg.", buildArgs)
        .digest();
  }

  /** The last path segment of {@code repository}, as a repository name component. */
  static String imageName(String repository) {
    String last = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase();
    String name = last.replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    return name.isEmpty() ? "function" : name;
  }

  /** Records {@code image} as this module's, removing the one recorded before if it differs. */
  private void replaceRecorded(String image) {
    Path record = directory.resolve(RECORD);
    String previous = null;
    try {
      previous = Files.isRegularFile(record) ? Files.readString(record).strip() : null;
    } catch (IOException unreadable) {
      log.debug("Cannot read " + record + ": " + unreadable.getMessage());
    }
    if (image.equals(previous)) {
      return;
    }
    ImageRecords.writeAtomically(record, image + "\n");
    if (previous != null && previous.startsWith(REPOSITORY)) {
      log.debug("Removing the previous dependencies image tag " + previous);
      engine.removeQuietly(previous);
    }
  }

  /** Writes {@code text} to {@code file} unless the file already holds it. */
  static void writeIfChanged(Path file, String text) {
    try {
      if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
        return;
      }
    } catch (IOException unreadable) {
      // rewritten below
    }
    ImageRecords.writeAtomically(file, text);
  }
}
