package io.github.lambdaimage.render;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Dockerfile template: its text (UTF-8, line breaks normalised to {@code \n}) and a name for
 * messages, e.g. {@code src/main/docker/Dockerfile} or {@code built-in template custom.Dockerfile}.
 *
 * @param name where the template came from, as shown in messages
 * @param text the template's text
 */
public record Template(String name, String text) {

  /** Reads a template file; {@code name} is how messages refer to it. */
  public static Template read(Path file, String name) {
    try {
      return new Template(name, decode(Files.readAllBytes(file), name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads one of the plugin's built-in templates from the class path. */
  public static Template builtIn(String resourceName) {
    try (InputStream in = Template.class.getResourceAsStream(resourceName)) {
      if (in == null) {
        throw new IllegalStateException("Built-in template " + resourceName + " is missing");
      }
      String name = "built-in template " + resourceName;
      return new Template(name, decode(in.readAllBytes(), name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(byte[] bytes, String name) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.replace("\r\n", "\n").replace('\r', '\n');
    } catch (CharacterCodingException e) {
      throw new InvalidConfigurationException(
          "Template " + name + " is not valid UTF-8; save it as UTF-8.", e);
    }
  }
}
