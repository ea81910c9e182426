package io.github.lambdaimage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void readsNestedValuesKeepingKeyOrder() throws IOException {
    Map<String, Object> object =
        JsonText.readObject(
            "{\"z\":\"last\",\"a\":{\"n\":1,\"f\":2.5,\"t\":true,\"no\":false,\"nil\":null},"
                + "\"list\":[\"x\",[],{}]}");

    assertThat(object.keySet()).containsExactly("z", "a", "list");
    assertThat(JsonText.object(object, "a"))
        .containsEntry("n", 1)
        .containsEntry("f", 2.5)
        .containsEntry("t", true)
        .containsEntry("no", false)
        .containsEntry("nil", null);
    assertThat(JsonText.list(object, "list")).containsExactly("x", List.of(), Map.of());
    assertThat(JsonText.string(object, "z")).isEqualTo("last");
    assertThat(JsonText.string(object, "absent")).isNull();
    assertThat(JsonText.object(object, "absent")).isEmpty();
    assertThat(JsonText.list(object, "absent")).isEmpty();
  }

  @Test
  void membersOfTheWrongKindAreErrorsNamingThem() throws IOException {
    Map<String, Object> object = JsonText.readObject("{\"s\":[1],\"o\":\"text\",\"l\":{}}");

    assertThatThrownBy(() -> JsonText.string(object, "s"))
        .isInstanceOf(IOException.class)
        .hasMessage("\"s\" is not a string: [1]");
    assertThatThrownBy(() -> JsonText.object(object, "o"))
        .isInstanceOf(IOException.class)
        .hasMessage("\"o\" is not an object: text");
    assertThatThrownBy(() -> JsonText.list(object, "l"))
        .isInstanceOf(IOException.class)
        .hasMessage("\"l\" is not a list: {}");
  }

  @Test
  void textThatIsNotOneObjectIsRejected() {
    assertThatThrownBy(() -> JsonText.readObject("[1]"))
        .isInstanceOf(IOException.class)
        .hasMessage("expected a JSON object, found [");
    assertThatThrownBy(() -> JsonText.readObject("{\"a\":1} {}"))
        .isInstanceOf(IOException.class)
        .hasMessage("unexpected content after the JSON object");
    assertThatThrownBy(() -> JsonText.readObject("{\"a\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonText.readObject("")).isInstanceOf(IOException.class);
  }

  @Test
  void readsAStreamOfObjectsOneByOne() throws IOException {
    String stream = "{\"stream\":\"Step 1/2\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:1\"}}\r\n";
    List<Map<String, Object>> seen = new ArrayList<>();

    JsonText.readObjects(
        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), seen::add);

    assertThat(seen)
        .containsExactly(Map.of("stream", "Step 1/2\n"), Map.of("aux", Map.of("ID", "sha256:1")));
  }

  @Test
  void writesPrettyOrCompactLeavingNullsOut() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("name", "a \"quoted\" value");
    object.put("missing", null);
    object.put("count", 3);
    object.put("list", List.of(Map.of("k", true)));

    assertThat(JsonText.write(object))
        .isEqualTo(
            "{\n"
                + "  \"name\" : \"a \\\"quoted\\\" value\",\n"
                + "  \"count\" : 3,\n"
                + "  \"list\" : [ {\n"
                + "    \"k\" : true\n"
                + "  } ]\n"
                + "}");
    assertThat(JsonText.writeCompact(object))
        .isEqualTo("{\"name\":\"a \\\"quoted\\\" value\",\"count\":3,\"list\":[{\"k\":true}]}");
  }

  @Test
  void writtenTextReadsBackEqual() throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("text", "ünïcödé\n\ttab");
    object.put("nested", Map.of("list", List.of("a", "b")));

    assertThat(JsonText.readObject(JsonText.write(object))).isEqualTo(object);
  }

  @Test
  void anyCompleteValueIsAValueAndBlankTextIsNone() throws IOException {
    assertThat(JsonText.isValue("[1, {\"a\": null}]".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(JsonText.isValue("\"text\"".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(JsonText.isValue(" \n".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void anUnfinishedValueNamesItsLineAndColumn() {
    assertThatThrownBy(() -> JsonText.isValue("{\n  \"a\": [1,".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("(line 2, column 11): Unexpected end-of-input");
  }

  @Test
  void foreignValuesReadAsTextKeepStringsAndWriteTheRestAsJson() {
    assertThat(JsonText.text("plain")).isEqualTo("plain");
    assertThat(JsonText.text(12)).isEqualTo("12");
    assertThat(JsonText.text(Map.of("a", true))).isEqualTo("{\"a\":true}");
    assertThat(JsonText.text(null)).isNull();
  }
}
