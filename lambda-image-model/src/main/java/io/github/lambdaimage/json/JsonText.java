package io.github.lambdaimage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON as plain maps, lists, strings, numbers and booleans, read and written with Jackson's
 * streaming parser and generator only. A build that changes nothing reads a few small JSON files
 * and one engine answer; Jackson's object mapper costs about 0.15 s to set up in a fresh plugin
 * class loader, more than the rest of such a build, while the streaming API costs a few
 * milliseconds.
 *
 * <p>Objects keep their key order. Written text has Jackson's default pretty printing (two-space
 * indent, {@code "key" : value}), as {@code image.json} always had; {@code null} members are left
 * out.
 */
public final class JsonText {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonText() {}

  /**
   * Parses {@code text}, which must be one JSON object.
   *
   * @throws IOException when it is not valid JSON or not an object
   */
  public static Map<String, Object> readObject(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      Map<String, Object> object = objectAt(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new IOException("unexpected content after the JSON object");
      }
      return object;
    }
  }

  /**
   * Reads the file {@code file}, which must hold one JSON object (UTF-8).
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist
   * @throws IOException when it cannot be read, is not valid JSON or not an object
   */
  public static Map<String, Object> readFile(Path file) throws IOException {
    return readObject(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Checks that {@code text} (UTF-8) starts with one complete JSON value of any kind, as a Lambda
   * payload must.
   *
   * @return false when it holds no value at all (empty or only white space)
   * @throws IOException when it is not valid JSON; the message reads {@code (line L, column C):
   *     problem}
   */
  public static boolean isValue(byte[] text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return true;
    } catch (JsonProcessingException e) {
      throw new IOException(
          "(line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Hands each top-level object of a stream of JSON objects (as the Docker Engine streams its
   * progress) to {@code handler} as soon as it is complete.
   *
   * @throws IOException when the stream is not a sequence of JSON objects
   */
  public static void readObjects(InputStream stream, Consumer<Map<String, Object>> handler)
      throws IOException {
    try (JsonParser parser = FACTORY.createParser(stream)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        handler.accept(objectAt(parser, token));
      }
    }
  }

  /** Pretty-printed JSON of {@code value} (maps, lists, strings, numbers, booleans). */
  public static String write(Object value) {
    return write(value, true);
  }

  /** {@code value} as written to a file: pretty-printed, with a final newline. */
  public static String fileText(Object value) {
    return write(value) + "\n";
  }

  /** JSON of {@code value} on one line without spaces. */
  public static String writeCompact(Object value) {
    return write(value, false);
  }

  private static String write(Object value, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The member {@code name} of {@code object} as a string; {@code null} when absent or null. */
  public static String string(Map<String, Object> object, String name) throws IOException {
    Object value = object.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IOException("\"" + name + "\" is not a string: " + value);
  }

  /**
   * A JSON value read from a document whose producer is not this project, as text: a string as it
   * is, any other value as compact JSON ({@code 12}, {@code true}, {@code {"a":1}}), {@code null}
   * for a missing or null value.
   */
  public static String text(Object value) {
    return value == null || value instanceof String ? (String) value : writeCompact(value);
  }

  /** The member {@code name} of {@code object} as an object; empty when absent or null. */
  public static Map<String, Object> object(Map<String, Object> object, String name)
      throws IOException {
    Object value = object.get(name);
    return value == null ? Map.of() : asObject(value, "\"" + name + "\"");
  }

  /**
   * {@code value} as an object.
   *
   * @throws IOException naming {@code what} when it is not one
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(Object value, String what) throws IOException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IOException(what + " is not an object: " + value);
  }

  /** The member {@code name} of {@code object} as a list; empty when absent or null. */
  public static List<Object> list(Map<String, Object> object, String name) throws IOException {
    Object value = object.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    throw new IOException("\"" + name + "\" is not a list: " + value);
  }

  private static Map<String, Object> objectAt(JsonParser parser, JsonToken token)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw new IOException("expected a JSON object, found " + describe(token));
    }
    return readObjectBody(parser);
  }

  private static Map<String, Object> readObjectBody(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      object.put(name, readValue(parser, parser.nextToken()));
    }
    return object;
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("the JSON text ends early");
    }
    switch (token) {
      case START_OBJECT:
        return readObjectBody(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          list.add(readValue(parser, next));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + describe(token));
    }
  }

  private static String describe(JsonToken token) {
    return token == null ? "nothing" : token.asString() != null ? token.asString() : token.name();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        if (member.getValue() != null) {
          generator.writeFieldName(String.valueOf(member.getKey()));
          writeValue(generator, member.getValue());
        }
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        writeValue(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Integer || value instanceof Long) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number number) {
      generator.writeNumber(number.toString());
    } else {
      throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
    }
  }
}
