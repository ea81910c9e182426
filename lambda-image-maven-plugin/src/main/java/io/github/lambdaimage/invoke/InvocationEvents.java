package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the events named by {@code lambda.event}: one JSON file, or a directory whose {@code
 * *.json} files are sent in file name order to the same container (warm invocations), or the
 * default {@code {}}.
 */
public final class InvocationEvents {

  /** The event sent when none is configured. */
  public static final InvocationEvent DEFAULT =
      new InvocationEvent("default event {}", "{}".getBytes(StandardCharsets.UTF_8));

  private InvocationEvents() {}

  /**
   * Loads the events.
   *
   * @param source a JSON file, a directory of them, or {@code null} for the default event
   * @throws InvalidConfigurationException when the path does not exist, a directory has no {@code
   *     *.json} file, or a file is not JSON
   */
  public static List<InvocationEvent> load(Path source) {
    if (source == null) {
      return List.of(DEFAULT);
    }
    if (Files.isDirectory(source)) {
      List<Path> files = jsonFilesIn(source);
      if (files.isEmpty()) {
        throw new InvalidConfigurationException(
            "The event directory "
                + source
                + " has no *.json file (lambda.event); add one event per file, or point"
                + " lambda.event at a single file.");
      }
      List<InvocationEvent> events = new ArrayList<>();
      files.forEach(file -> events.add(read(file)));
      return List.copyOf(events);
    }
    if (!Files.isRegularFile(source)) {
      throw new InvalidConfigurationException(
          "The event "
              + source
              + " does not exist (lambda.event); give a JSON file or a directory of *.json files.");
    }
    return List.of(read(source));
  }

  private static List<Path> jsonFilesIn(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static InvocationEvent read(Path file) {
    byte[] payload;
    try {
      payload = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read event " + file + ": " + e.getMessage(), e);
    }
    boolean value;
    try {
      value = JsonText.isValue(payload);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "The event "
              + file
              + " is not valid JSON "
              + e.getMessage()
              + ". Lambda only accepts JSON payloads.",
          e);
    }
    if (!value) {
      throw new InvalidConfigurationException(
          "The event " + file + " is empty; Lambda only accepts JSON payloads, e.g. {}.");
    }
    return new InvocationEvent(file.getFileName().toString(), payload);
  }
}
