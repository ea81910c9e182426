package io.github.lambdaimage.render;

import io.github.lambdaimage.errors.InvalidConfigurationException;

/**
 * How the image runs the function: on an AWS Lambda base image that carries the runtime interface
 * client ({@code official}), or on any JRE image to which the plugin adds that client ({@code
 * custom}).
 */
public enum RuntimeMode {
  /** An AWS Lambda base image; its entrypoint starts the runtime, {@code CMD} names the handler. */
  OFFICIAL(
      "official",
      "# official runtime: the base image carries the runtime interface client",
      "# official runtime: the base image's ENTRYPOINT starts the runtime interface client"),
  /** Any JRE base image; the plugin adds the runtime interface client and sets the entrypoint. */
  CUSTOM(
      "custom",
      "COPY runtime/ " + RuntimeMode.RUNTIME_DIRECTORY + "/",
      "ENTRYPOINT [\"java\", \"-XX:+TieredCompilation\", \"-XX:TieredStopAtLevel=1\", \"-cp\", \""
          + RuntimeMode.RUNTIME_DIRECTORY
          + "/*:/var/task:/var/task/lib/*\","
          + " \"com.amazonaws.services.lambda.runtime.api.client.AWSLambda\"]");

  /** The base image of {@link #OFFICIAL} mode when none is configured. */
  public static final String OFFICIAL_BASE_IMAGE = "public.ecr.aws/lambda/java:21";

  /** Where {@link #CUSTOM} mode puts the runtime interface client's jars in the image. */
  public static final String RUNTIME_DIRECTORY = "/var/runtime/lib";

  private final String name;
  private final String runtimeLayer;
  private final String entrypoint;

  RuntimeMode(String name, String runtimeLayer, String entrypoint) {
    this.name = name;
    this.runtimeLayer = runtimeLayer;
    this.entrypoint = entrypoint;
  }

  /**
   * Parses {@code official} or {@code custom}.
   *
   * @throws InvalidConfigurationException naming the value and the accepted ones
   */
  public static RuntimeMode parse(String value) {
    for (RuntimeMode mode : values()) {
      if (mode.name.equals(value == null ? "" : value.trim())) {
        return mode;
      }
    }
    throw new InvalidConfigurationException(
        "Unknown runtime '"
            + value
            + "' (property lambda.runtime); accepted values: official (an AWS Lambda base image),"
            + " custom (any JRE base image, the plugin adds the runtime interface client).");
  }

  /** The name users write: {@code official} or {@code custom}. */
  public String modeName() {
    return name;
  }

  /** The Dockerfile line that adds the runtime's jars ({@code @lambda.runtimeLayer@}). */
  public String runtimeLayerInstruction() {
    return runtimeLayer;
  }

  /** The Dockerfile line that starts the runtime ({@code @lambda.entrypoint@}). */
  public String entrypointInstruction() {
    return entrypoint;
  }

  /** True when the plugin must add the runtime interface client to the image. */
  public boolean addsRuntimeInterfaceClient() {
    return this == CUSTOM;
  }

  /** The class-path resource name of this mode's built-in template. */
  public String builtInTemplate() {
    return name + ".Dockerfile";
  }

  @Override
  public String toString() {
    return name;
  }
}
