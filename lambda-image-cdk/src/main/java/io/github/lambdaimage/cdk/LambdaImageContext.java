package io.github.lambdaimage.cdk;

import io.github.lambdaimage.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * Reads the image from CDK context, with the names the lambda-image Maven plugins use (pass them
 * with {@code -c key=value}, in {@code cdk.json}, or as {@code -Dkey=value} to the
 * cdk-maven-plugin): either an {@code images.json}/{@code image.json} ({@value #MANIFEST}, with
 * {@value #ARCH} to pick one of several) or an explicit image ({@value #REPOSITORY}, {@value
 * #DIGEST} and {@value #ARCH}).
 */
public final class LambdaImageContext {

  /**
   * Path of an {@code images.json} (several architectures, pick one with {@link #ARCH}) or of one
   * architecture's {@code image.json}; a relative path resolves against the working directory.
   */
  public static final String MANIFEST = "lambda.image.manifest";

  /** The function's architecture ({@code amd64}, {@code arm64} or an alias). */
  public static final String ARCH = "lambda.arch";

  /**
   * An explicit image's repository, e.g. {@code
   * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello}.
   */
  public static final String REPOSITORY = "lambda.image.repository";

  /** An explicit image's manifest digest, {@code sha256:…}. */
  public static final String DIGEST = "lambda.image.digest";

  private LambdaImageContext() {}

  /**
   * The image {@code scope}'s context describes.
   *
   * @param scope a construct whose context to read, e.g. the app
   * @param workingDirectory the directory a relative {@value #MANIFEST} resolves against
   * @param defaultManifest the manifest read when neither {@value #MANIFEST} nor an explicit image
   *     is given, relative to {@code workingDirectory}
   * @throws LambdaImageCodeException when the context is incomplete, or the image cannot be
   *     deployed (see {@link LambdaImageCode#fromRecord(Path, String)})
   */
  public static LambdaImageCode fromContext(
      Construct scope, Path workingDirectory, String defaultManifest) {
    Optional<Architecture> arch =
        string(scope, ARCH)
            .map(value -> ImageRecordSelection.parseArchitecture(value, "Context " + ARCH));
    Optional<String> repository = string(scope, REPOSITORY);
    Optional<String> digest = string(scope, DIGEST);
    if (repository.isPresent() || digest.isPresent()) {
      return explicit(repository, digest, arch);
    }
    Optional<String> configured = string(scope, MANIFEST);
    Path manifest =
        workingDirectory.resolve(configured.orElse(defaultManifest)).toAbsolutePath().normalize();
    if (!Files.exists(manifest)) {
      throw new LambdaImageCodeException(
          "No image manifest at "
              + manifest
              + (configured.isEmpty() ? " (the default of " + MANIFEST + ")" : "")
              + ". Build and push the image first (./mvnw deploy -Dlambda.arch=<arch>), point "
              + MANIFEST
              + " at an images.json, or give "
              + REPOSITORY
              + ", "
              + DIGEST
              + " and "
              + ARCH
              + ".");
    }
    return arch.isPresent()
        ? LambdaImageCode.fromRecord(manifest, arch.get())
        : LambdaImageCode.fromRecord(manifest);
  }

  private static LambdaImageCode explicit(
      Optional<String> repository, Optional<String> digest, Optional<Architecture> arch) {
    List<String> missing = new ArrayList<>();
    repository.ifPresentOrElse(value -> {}, () -> missing.add(REPOSITORY));
    digest.ifPresentOrElse(value -> {}, () -> missing.add(DIGEST));
    arch.ifPresentOrElse(value -> {}, () -> missing.add(ARCH));
    if (!missing.isEmpty()) {
      throw new LambdaImageCodeException(
          "An explicit image needs all of "
              + REPOSITORY
              + ", "
              + DIGEST
              + " and "
              + ARCH
              + "; missing: "
              + String.join(", ", missing)
              + ". Give them all, or none to read "
              + MANIFEST
              + ".");
    }
    return LambdaImageCode.checked(repository.get(), digest.get(), arch.get(), "context " + DIGEST);
  }

  /** The trimmed context value of {@code key}; empty when absent or blank. */
  private static Optional<String> string(Construct scope, String key) {
    Object value = scope.getNode().tryGetContext(key);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.toString().trim());
  }
}
