package io.github.lambdaimage.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a cloud assembly builds no image at deploy time: no asset manifest lists a {@code
 * dockerImages} entry, and no stack carries legacy {@code aws:cdk:asset} metadata of packaging
 * {@code container-image} (in {@code manifest.json} or the stack's additional metadata file).
 * Nested assemblies (stages) are searched too.
 */
public final class NoContainerImageAssets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NoContainerImageAssets() {}

  /**
   * Every container image asset in the assembly at {@code directory}, as {@code <file>: <asset
   * id>}; empty for a clean assembly.
   */
  public static List<String> find(Path directory) {
    List<String> found = new ArrayList<>();
    JsonNode artifacts = read(directory.resolve("manifest.json")).path("artifacts");
    artifacts
        .fields()
        .forEachRemaining(
            artifact -> {
              JsonNode value = artifact.getValue();
              JsonNode properties = value.path("properties");
              switch (value.path("type").asText()) {
                case "cdk:asset-manifest" -> addDockerImages(directory, properties, found);
                case "aws:cloudformation:stack" ->
                    addLegacyAssets(directory, artifact.getKey(), value, found);
                case "cdk:cloud-assembly" ->
                    found.addAll(
                        find(directory.resolve(properties.path("directoryName").asText())));
                default -> {}
              }
            });
    return found;
  }

  /**
   * Fails when the assembly at {@code directory} has container image assets.
   *
   * @throws InfraConfigurationException naming the assets
   */
  public static void check(Path directory) {
    List<String> assets = find(directory);
    if (!assets.isEmpty()) {
      throw new InfraConfigurationException(
          "The cloud assembly "
              + directory
              + " holds container image assets "
              + assets
              + ": deploying it would build Docker images. Deploy prebuilt images by digest with"
              + " DockerImageCode.fromEcr instead of fromImageAsset.");
    }
  }

  private static void addDockerImages(Path directory, JsonNode properties, List<String> found) {
    String file = properties.path("file").asText();
    read(directory.resolve(file))
        .path("dockerImages")
        .fieldNames()
        .forEachRemaining(id -> found.add(file + ": " + id));
  }

  private static void addLegacyAssets(
      Path directory, String stack, JsonNode artifact, List<String> found) {
    addLegacyAssets(stack, artifact.path("metadata"), found);
    String metadataFile = artifact.path("additionalMetadataFile").asText("");
    if (!metadataFile.isEmpty()) {
      addLegacyAssets(stack, read(directory.resolve(metadataFile)), found);
    }
  }

  private static void addLegacyAssets(String stack, JsonNode metadata, List<String> found) {
    metadata.forEach(
        entries ->
            entries.forEach(
                entry -> {
                  JsonNode data = entry.path("data");
                  if ("aws:cdk:asset".equals(entry.path("type").asText())
                      && "container-image".equals(data.path("packaging").asText())) {
                    found.add(stack + ": " + data.path("id").asText());
                  }
                }));
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
