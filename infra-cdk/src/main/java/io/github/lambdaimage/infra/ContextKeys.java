package io.github.lambdaimage.infra;

/**
 * The CDK context keys the app reads besides the image's, which {@link
 * io.github.lambdaimage.cdk.LambdaImageContext} reads (pass them with {@code -c key=value}, in
 * {@code cdk.json}, or as {@code -Dkey=value} to the cdk-maven-plugin, which forwards {@code
 * lambda.*} properties).
 */
public final class ContextKeys {

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

  /**
   * Where the image's manifest is looked for when neither {@code lambda.image.manifest} nor an
   * explicit image is given.
   */
  public static final String DEFAULT_MANIFEST = "../handler/target/lambda-image/images.json";

  private ContextKeys() {}
}
