package io.github.lambdaimage.docker;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Engine API's JSON answers read into the engine layer's types. */
final class EngineAnswers {

  private EngineAnswers() {}

  /** An image from {@code GET /images/{name}/json}. */
  static ImageState image(Map<String, Object> image) throws IOException {
    Map<String, Object> config = JsonText.object(image, "Config");
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, Object> labelValues = JsonText.object(config, "Labels");
    for (String name : labelValues.keySet()) {
      labels.put(name, JsonText.string(labelValues, name));
    }
    List<String> startup = new ArrayList<>();
    for (Object part : JsonText.list(config, "Entrypoint")) {
      startup.add(String.valueOf(part));
    }
    for (Object part : JsonText.list(config, "Cmd")) {
      startup.add(String.valueOf(part));
    }
    return new ImageState(
        JsonText.string(image, "Id"),
        JsonText.string(image, "Os") + "/" + JsonText.string(image, "Architecture"),
        labels,
        startup);
  }

  /** The engine from {@code GET /version} and {@code GET /info}. */
  static EngineInfo info(Map<String, Object> version, Map<String, Object> system)
      throws IOException {
    List<String> components = new ArrayList<>();
    for (Object component : JsonText.list(version, "Components")) {
      components.add(JsonText.string(JsonText.asObject(component, "a component"), "Name"));
    }
    List<List<String>> driverStatus = new ArrayList<>();
    for (Object status : JsonText.list(system, "DriverStatus")) {
      if (status instanceof List<?> pair) {
        driverStatus.add(pair.stream().map(String::valueOf).toList());
      }
    }
    return EngineInfo.of(
        JsonText.string(version, "Os"),
        JsonText.string(version, "Arch"),
        JsonText.string(version, "Version"),
        JsonText.string(version, "ApiVersion"),
        JsonText.string(system, "OperatingSystem"),
        components,
        driverStatus,
        new EngineInfo.Host(
            JsonText.string(system, "KernelVersion"),
            JsonText.string(system, "Name"),
            JsonText.list(system, "Labels").stream().map(String::valueOf).toList()));
  }

  /** The message of a streamed error: its {@code errorDetail.message}, else its {@code error}. */
  static String errorOf(Map<String, Object> message) {
    return ProgressMessage.errorOf(message);
  }
}
