package io.github.lambdaimage.maven;

import io.github.lambdaimage.invoke.RuntimeApiAddresses;
import io.github.lambdaimage.registry.RegistryClient;

/**
 * Every user property the lambda-image goals read; each is also a {@code <configuration>} element.
 */
public final class PropertyNames {

  /** Architectures to build, a comma list: {@code amd64}, {@code arm64}, {@code amd64,arm64}. */
  public static final String ARCH = "lambda.arch";

  /** Seconds an engine request may stay idle before the goal fails. */
  public static final String ENGINE_TIMEOUT = "lambda.engineTimeout";

  /** The base image; default depends on {@link #RUNTIME}. */
  public static final String BASE_IMAGE = "lambda.baseImage";

  /** {@code official} (AWS Lambda base image) or {@code custom} (any JRE base image). */
  public static final String RUNTIME = "lambda.runtime";

  /** The Lambda handler, {@code package.Class::method}. */
  public static final String HANDLER = "lambda.handler";

  /** Version of the runtime interface client added in {@code custom} mode. */
  public static final String RUNTIME_INTERFACE_CLIENT_VERSION = "lambda.ric.version";

  /** The image repository, without tag. */
  public static final String IMAGE_REPOSITORY = "lambda.image.repository";

  /** The image tag prefix; the architecture is appended. */
  public static final String IMAGE_TAG = "lambda.image.tag";

  /** The image label {@code org.opencontainers.image.revision}, e.g. the commit. */
  public static final String IMAGE_REVISION = "lambda.image.revision";

  /** Whether the build goal builds several architectures at the same time. */
  public static final String BUILD_PARALLEL = "lambda.build.parallel";

  /** Whether the build goal builds the dependencies in an image of their own. */
  public static final String BUILD_SPLIT_DEPENDENCIES = "lambda.build.splitDependencies";

  /** The event file the invoke goal sends. */
  public static final String EVENT = "lambda.event";

  /** How long the invoke goal waits for the function. */
  public static final String TIMEOUT = "lambda.timeout";

  /** The function's memory size in MB for the invoke goal. */
  public static final String MEMORY_SIZE = "lambda.memorySize";

  /** The function name the invoke goal gives the runtime. */
  public static final String FUNCTION_NAME = "lambda.functionName";

  /** The AWS region the invoke goal gives the runtime. */
  public static final String REGION = "lambda.region";

  /** The one address of this machine the invoke goal's Runtime API listens on. */
  public static final String RUNTIME_API_BIND = RuntimeApiAddresses.BIND_PROPERTY;

  /** The host name or address the function's container calls the Runtime API at. */
  public static final String RUNTIME_API_HOST = RuntimeApiAddresses.HOST_PROPERTY;

  /**
   * Published by the start goal: the local Lambda endpoint's URL, {@code http://127.0.0.1:<port>}.
   */
  public static final String ENDPOINT = "lambda.endpoint";

  /** Published by the start goal: the function names it serves, a comma list. */
  public static final String ENDPOINT_FUNCTIONS = "lambda.endpoint.functions";

  /** The port of the local Lambda endpoint; 0 picks a free one. */
  public static final String ENDPOINT_PORT = "lambda.endpoint.port";

  /** The most containers per function the local Lambda endpoint runs at the same time. */
  public static final String ENDPOINT_CONCURRENCY = "lambda.endpoint.concurrency";

  /** Whether invoke may pass AWS credentials from {@code <environment>} to the function. */
  public static final String PASS_AWS_CREDENTIALS = "lambda.invoke.passAwsCredentials";

  /** How long each registry request may take, in seconds. */
  public static final String REGISTRY_TIMEOUT = RegistryClient.TIMEOUT_PROPERTY;

  /** Skips every lambda-image goal. */
  public static final String SKIP = "lambda.skip";

  /** Skips the build goal. */
  public static final String SKIP_BUILD = "lambda.skip.build";

  /** Skips the invoke goal. */
  public static final String SKIP_INVOKE = "lambda.skip.invoke";

  /** Skips the start goal (and so the endpoint the stop goal would stop). */
  public static final String SKIP_ENDPOINT = "lambda.skip.endpoint";

  /** Skips the push goal. */
  public static final String SKIP_PUSH = "lambda.skip.push";

  private PropertyNames() {}
}
