package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationEventsTest {
  @TempDir Path directory;

  @Test
  void withoutAnEventSendsAnEmptyJsonObject() {
    List<InvocationEvent> events = InvocationEvents.load(null);

    assertThat(events).singleElement().extracting(InvocationEvent::payloadText).isEqualTo("{}");
  }

  @Test
  void aFileIsOneEventNamedByTheFile() throws Exception {
    Path file = Files.writeString(directory.resolve("hello.json"), "{\"name\":\"Ada\"}");

    List<InvocationEvent> events = InvocationEvents.load(file);

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.name()).isEqualTo("hello.json");
              assertThat(event.payloadText()).isEqualTo("{\"name\":\"Ada\"}");
            });
  }

  @Test
  void aDirectoryIsItsJsonFilesInNameOrder() throws Exception {
    Files.writeString(directory.resolve("2-second.json"), "2");
    Files.writeString(directory.resolve("1-first.json"), "1");
    Files.writeString(directory.resolve("notes.txt"), "not an event");

    List<InvocationEvent> events = InvocationEvents.load(directory);

    assertThat(events)
        .extracting(InvocationEvent::name)
        .containsExactly("1-first.json", "2-second.json");
  }

  @Test
  void aDirectoryWithoutJsonFilesIsRejected() throws Exception {
    Files.writeString(directory.resolve("notes.txt"), "{}");

    assertThatThrownBy(() -> InvocationEvents.load(directory))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The event directory "
                + directory
                + " has no *.json file (lambda.event); add one event per file, or point"
                + " lambda.event at a single file.");
  }

  @Test
  void aMissingFileIsRejected() {
    Path missing = directory.resolve("missing.json");

    assertThatThrownBy(() -> InvocationEvents.load(missing))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The event "
                + missing
                + " does not exist (lambda.event); give a JSON file or a directory of *.json"
                + " files.");
  }

  @Test
  void aFileThatIsNotJsonIsRejectedWithTheLocation() throws Exception {
    Path file = Files.writeString(directory.resolve("bad.json"), "{\n  \"name\": Ada\n}");

    assertThatThrownBy(() -> InvocationEvents.load(file))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The event "
                + file
                + " is not valid JSON (line 2, column 15): Unrecognized token 'Ada': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')."
                + " Lambda only accepts JSON payloads.");
  }

  @Test
  void anEmptyFileIsRejected() throws Exception {
    Path file = Files.writeString(directory.resolve("empty.json"), "");

    assertThatThrownBy(() -> InvocationEvents.load(file))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("The event " + file + " is empty; Lambda only accepts JSON payloads, e.g. {}.");
  }
}
