package io.github.lambdaimage.infra;

/**
 * The CDK context keys the app reads (pass them with {@code -c key=value}, in {@code cdk.json}, or
 * as {@code -Dkey=value} to the cdk-maven-plugin, which forwards {@code lambda.*} properties).
 */
public final class ContextKeys {

  /**
   * Path of an {@code images.json} (several architectures, pick one with {@link #ARCH}) or of one
   * architecture's {@code image.json}; relative paths resolve against the working directory.
   */
  public static final String IMAGE_MANIFEST = "lambda.image.manifest";

  /** The image repository, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello}. */
  public static final String IMAGE_REPOSITORY = "lambda.image.repository";

  /** The pushed image's manifest digest, {@code sha256:…}. */
  public static final String IMAGE_DIGEST = "lambda.image.digest";

  /** The function's architecture ({@code amd64}, {@code arm64} or an alias). */
  public static final String ARCH = "lambda.arch";

  /** {@code true}: synthesize only the registry stack (first deploy, before any image exists). */
  public static final String REGISTRY_ONLY = "lambda.registryOnly";

  /** The name of the ECR repository the registry stack creates. */
  public static final String REPOSITORY_NAME = "lambda.ecr.repositoryName";

  /** How many images the repository's lifecycle rule keeps. */
  public static final String KEEP_IMAGES = "lambda.ecr.keepImages";

  /** The function's memory in MiB. */
  public static final String MEMORY = "lambda.function.memory";

  /** The function's timeout in seconds. */
  public static final String TIMEOUT = "lambda.function.timeout";

  /** {@code true}: active X-Ray tracing. */
  public static final String ACTIVE_TRACING = "lambda.function.activeTracing";

  /** The Function URL's auth type: {@code AWS_IAM} (default) or {@code NONE} (public). */
  public static final String URL_AUTH = "lambda.function.urlAuth";

  /** Where the manifest is looked for when neither it nor an explicit image is given. */
  public static final String DEFAULT_MANIFEST = "../handler/target/lambda-image/images.json";

  private ContextKeys() {}
}
