package io.github.lambdaimage.render;

import io.github.lambdaimage.model.Architecture;
import java.util.Map;
import java.util.TreeMap;

/** The values a template's placeholders can name. */
public final class TemplateValues {

  private TemplateValues() {}

  /**
   * The placeholder values for one architecture: the project's properties, overridden by the {@code
   * lambda.*} names ({@code lambda.arch}, {@code lambda.platform}, {@code
   * lambda.lambdaArchitecture}, {@code lambda.baseImage}, {@code lambda.handler}, {@code
   * lambda.runtime}, {@code lambda.runtimeLayer}, {@code lambda.entrypoint}).
   *
   * @param architecture the architecture being rendered
   * @param pinnedBaseImage the base image pinned to that platform's manifest digest
   * @param handler the Lambda handler
   * @param mode the runtime mode
   * @param projectProperties the project's properties, usable as {@code @name@}
   */
  public static Map<String, String> of(
      Architecture architecture,
      String pinnedBaseImage,
      String handler,
      RuntimeMode mode,
      Map<String, String> projectProperties) {
    Map<String, String> values = new TreeMap<>(projectProperties);
    values.put("lambda.arch", architecture.dockerName());
    values.put("lambda.platform", architecture.platform());
    values.put("lambda.lambdaArchitecture", architecture.lambdaName());
    values.put("lambda.baseImage", pinnedBaseImage);
    values.put("lambda.handler", handler);
    values.put("lambda.runtime", mode.modeName());
    values.put("lambda.runtimeLayer", mode.runtimeLayerInstruction());
    values.put("lambda.entrypoint", mode.entrypointInstruction());
    return values;
  }
}
