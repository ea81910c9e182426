package io.github.lambdaimage.cdk.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a synthesis produced, read from the cloud assembly's {@code manifest.json}.
 *
 * @param directory the cloud assembly directory
 * @param schemaVersion the cloud assembly schema version the app wrote (e.g. {@code 54.0.0})
 * @param stacks the stacks, in manifest order
 */
public record CloudAssemblySummary(Path directory, String schemaVersion, List<Stack> stacks) {

  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One CloudFormation stack of the assembly.
   *
   * @param name the stack's artifact id (what the CLI's stack arguments match)
   * @param templateFile the template's file name in the assembly
   */
  public record Stack(String name, String templateFile) {}

  /** Reads {@code <directory>/manifest.json}. */
  public static CloudAssemblySummary read(Path directory) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(directory.resolve(MANIFEST).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + directory.resolve(MANIFEST) + ": " + e.getMessage(), e);
    }
    List<Stack> stacks = new ArrayList<>();
    manifest
        .path("artifacts")
        .fields()
        .forEachRemaining(
            artifact -> {
              JsonNode value = artifact.getValue();
              if ("aws:cloudformation:stack".equals(value.path("type").asText())) {
                stacks.add(
                    new Stack(
                        artifact.getKey(), value.path("properties").path("templateFile").asText()));
              }
            });
    return new CloudAssemblySummary(
        directory, manifest.path("version").asText(), List.copyOf(stacks));
  }
}
