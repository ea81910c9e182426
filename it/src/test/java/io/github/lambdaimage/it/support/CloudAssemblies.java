package io.github.lambdaimage.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Assertions over a synthesized CDK cloud assembly ({@code cdk.out}). */
public final class CloudAssemblies {

  private CloudAssemblies() {}

  /** The properties of the one {@code AWS::Lambda::Function} in a template. */
  public static JsonNode onlyFunction(Path template) throws IOException {
    List<JsonNode> functions = new ArrayList<>();
    new ObjectMapper()
        .readTree(template.toFile())
        .path("Resources")
        .elements()
        .forEachRemaining(
            resource -> {
              if (resource.path("Type").asText().equals("AWS::Lambda::Function")) {
                functions.add(resource.path("Properties"));
              }
            });
    assertThat(functions).hasSize(1);
    return functions.get(0);
  }

  /** Fails if the assembly declares any asset, container images in particular. */
  public static void assertNoContainerImageAsset(Path assembly) throws IOException {
    try (Stream<Path> files = Files.list(assembly)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        assertThat(name).doesNotEndWith(".assets.json").doesNotStartWith("asset.");
        if (name.equals("manifest.json") || name.endsWith(".metadata.json")) {
          assertThat(Files.readString(file))
              .doesNotContain("container-image", "dockerImages", "aws:cdk:asset");
        }
      }
    }
  }

  /**
   * Fails if the assembly declares a container image asset; file assets (the templates that the
   * default synthesizer uploads) are allowed.
   */
  public static void assertNoDockerImageAsset(Path assembly) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(assembly)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".assets.json")) {
          assertThat(json.readTree(file.toFile()).path("dockerImages").size()).as(name).isZero();
        }
        if (name.equals("manifest.json") || name.endsWith(".metadata.json")) {
          assertThat(Files.readString(file)).doesNotContain("container-image");
        }
      }
    }
  }
}
