package io.github.lambdaimage.cdk;

import io.github.lambdaimage.model.Architecture;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.constructs.Construct;

/**
 * A pushed lambda-image image, by digest, with the architecture it was built and checked for: what
 * {@link LambdaImageFunction} deploys. Read it from the {@code images.json} or {@code image.json}
 * the lambda-image Maven plugin writes ({@link #fromRecord(Path, String)}), from CDK context
 * ({@link LambdaImageContext}), or give it explicitly ({@link #fromDigest}).
 */
public final class LambdaImageCode {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final String repository;
  private final String digest;
  private final Architecture architecture;
  private final String source;
  private final String fallbackRepositoryName;

  private LambdaImageCode(
      String repository,
      String digest,
      Architecture architecture,
      String source,
      String fallbackRepositoryName) {
    this.repository = repository;
    this.digest = digest;
    this.architecture = architecture;
    this.source = source;
    this.fallbackRepositoryName = fallbackRepositoryName;
  }

  /**
   * The image of a record holding one image: an {@code image.json}, or an {@code images.json}
   * listing one architecture.
   *
   * @throws LambdaImageCodeException when the file is missing, lists several images, or its image
   *     cannot be deployed (never pushed, no or a failed architecture check)
   */
  public static LambdaImageCode fromRecord(Path file) {
    return ImageRecordSelection.select(file, Optional.empty());
  }

  /**
   * The image of {@code architecture} ({@code amd64}, {@code arm64} or an alias such as {@code
   * x86_64}) in an {@code images.json} (or an {@code image.json} of that architecture).
   *
   * @throws LambdaImageCodeException as {@link #fromRecord(Path)}, and when the file has no image
   *     of that architecture (the last build did not build it)
   */
  public static LambdaImageCode fromRecord(Path file, String architecture) {
    return fromRecord(
        file, ImageRecordSelection.parseArchitecture(architecture, "The function's architecture"));
  }

  /** As {@link #fromRecord(Path, String)}, the architecture given as the shared type. */
  public static LambdaImageCode fromRecord(Path file, Architecture architecture) {
    return ImageRecordSelection.select(file, Optional.of(architecture));
  }

  /**
   * An image given explicitly.
   *
   * @param repository the repository without tag, e.g. {@code
   *     123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello}
   * @param digest the manifest digest the push recorded, {@code sha256:} and 64 hex digits
   * @param architecture the image's architecture
   * @throws LambdaImageCodeException when {@code digest} is not a manifest digest
   */
  public static LambdaImageCode fromDigest(
      String repository, String digest, Architecture architecture) {
    return checked(repository, digest, architecture, "the given image");
  }

  static LambdaImageCode checked(
      String repository, String digest, Architecture architecture, String source) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new LambdaImageCodeException(
          "Image digest '"
              + digest
              + "' from "
              + source
              + " is not a manifest digest (sha256: followed by 64 lower-case hex digits).");
    }
    return new LambdaImageCode(
        Objects.requireNonNull(repository, "repository"), digest, architecture, source, null);
  }

  /**
   * This image, pulled from the ECR repository {@code name} of the deploying stack's account and
   * region when its recorded repository is not in ECR (a local test registry, say): a digest names
   * the same image in every registry, so push the same image there first. An ECR repository
   * recorded with the image is always used as is.
   */
  public LambdaImageCode orPullFrom(String name) {
    return new LambdaImageCode(
        repository, digest, architecture, source, Objects.requireNonNull(name, "name"));
  }

  /** The recorded repository without tag. */
  public String repository() {
    return repository;
  }

  /** The manifest digest, {@code sha256:…}. */
  public String digest() {
    return digest;
  }

  /** The image's architecture, which the function declares. */
  public Architecture architecture() {
    return architecture;
  }

  /** The function architecture for the image ({@code ARM_64} or {@code X86_64}). */
  public software.amazon.awscdk.services.lambda.Architecture lambdaArchitecture() {
    return architecture == Architecture.ARM64
        ? software.amazon.awscdk.services.lambda.Architecture.ARM_64
        : software.amazon.awscdk.services.lambda.Architecture.X86_64;
  }

  /** Where the image came from, for messages: a file, or a description. */
  public String source() {
    return source;
  }

  /** {@code repository@digest}. */
  public String digestReference() {
    return repository + "@" + digest;
  }

  /** The recorded repository's parts, when it is an ECR repository URI. */
  public Optional<EcrRepositoryUri> ecrRepository() {
    return EcrRepositoryUri.parse(repository);
  }

  /**
   * The ECR repository Lambda pulls the image from, referenced under {@code scope} by name and ARN
   * (no CloudFormation export): the recorded one when it is in ECR, even in another account, else
   * the {@link #orPullFrom} repository.
   *
   * @throws LambdaImageCodeException when the image is not in ECR and no repository was given
   */
  IRepository pullRepository(Construct scope, String id) {
    Optional<EcrRepositoryUri> ecr = ecrRepository();
    if (ecr.isPresent()) {
      return Repository.fromRepositoryAttributes(
          scope,
          id,
          RepositoryAttributes.builder()
              .repositoryName(ecr.get().name())
              .repositoryArn(ecr.get().arn())
              .build());
    }
    if (fallbackRepositoryName == null) {
      throw new LambdaImageCodeException(
          "The "
              + architecture
              + " image "
              + digestReference()
              + " from "
              + source
              + " is not in Amazon ECR, and Lambda pulls images from ECR only. Push it to ECR"
              + " (./mvnw deploy -Dlambda.arch="
              + architecture
              + " -Dlambda.image.repository=<account>.dkr.ecr.<region>.amazonaws.com/<name>), or"
              + " name the ECR repository that holds the same digest with orPullFrom(name).");
    }
    return Repository.fromRepositoryName(scope, id, fallbackRepositoryName);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LambdaImageCode that
        && repository.equals(that.repository)
        && digest.equals(that.digest)
        && architecture == that.architecture
        && source.equals(that.source)
        && Objects.equals(fallbackRepositoryName, that.fallbackRepositoryName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repository, digest, architecture, source, fallbackRepositoryName);
  }

  @Override
  public String toString() {
    return architecture + " " + digestReference() + " (from " + source + ")";
  }
}
