package io.github.lambdaimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextAssemblerTest {

  @TempDir Path project;
  private Path context;
  private Path coreJar;
  private Path eventsJar;
  private Path ricJar;
  private Path appJar;

  @BeforeEach
  void createProject() throws IOException {
    context = project.resolve("target/lambda-image/amd64/context");
    coreJar = write("repo/core-1.0.jar", "core");
    eventsJar = write("repo/events-2.0.jar", "events");
    ricJar = write("repo/ric-3.0.jar", "ric");
    appJar = write("target/handler-1.0.jar", "app v1");
    write("src/main/java/Handler.java", "source that must not be sent");
    write("pom.xml", "<project/>");
  }

  private Path write(String name, String content) throws IOException {
    Path file = project.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private BuildContext assemble(String dockerfile, ContextInputs inputs) {
    return new ContextAssembler(context).assemble(dockerfile, inputs);
  }

  private ContextInputs inputs(Map<String, Path> runtime) {
    return new ContextInputs(
        Map.of("events-2.0.jar", eventsJar, "core-1.0.jar", coreJar), appJar, runtime);
  }

  private List<String> contextEntries() throws IOException {
    try (Stream<Path> walk = Files.walk(context)) {
      return walk.filter(p -> !p.equals(context))
          .map(p -> ContextAssembler.relative(context, p) + (Files.isDirectory(p) ? "/" : ""))
          .sorted()
          .toList();
    }
  }

  @Test
  void containsOnlyDockerfileDependenciesApplicationAndRuntime() throws IOException {
    BuildContext built = assemble("FROM x\n", inputs(Map.of("ric-3.0.jar", ricJar)));

    assertThat(contextEntries())
        .containsExactly(
            "Dockerfile",
            "app/",
            "app/lib/",
            "app/lib/handler-1.0.jar",
            "lib/",
            "lib/core-1.0.jar",
            "lib/events-2.0.jar",
            "runtime/",
            "runtime/ric-3.0.jar");
    assertThat(built.files().keySet())
        .containsExactly(
            "Dockerfile",
            "app/lib/handler-1.0.jar",
            "lib/core-1.0.jar",
            "lib/events-2.0.jar",
            "runtime/ric-3.0.jar");
    assertThat(built.files().get("lib/core-1.0.jar")).isEqualTo(Sha256.hex(coreJar));
    assertThat(built.copied()).isEqualTo(5);
  }

  @Test
  void withoutDependenciesTheLayerDirectoriesStillExist() throws IOException {
    assemble("FROM x\n", new ContextInputs(Map.of(), appJar, Map.of()));

    assertThat(contextEntries())
        .containsExactly("Dockerfile", "app/", "app/lib/", "app/lib/handler-1.0.jar", "lib/");
  }

  @Test
  void secondAssemblyOfUnchangedInputsCopiesNothing() {
    assemble("FROM x\n", inputs(Map.of()));

    BuildContext again = assemble("FROM x\n", inputs(Map.of()));

    assertThat(again.copied()).isZero();
  }

  @Test
  void changedApplicationJarIsTheOnlyFileCopied() throws IOException {
    assemble("FROM x\n", inputs(Map.of()));
    Files.writeString(appJar, "app v2");
    Files.setLastModifiedTime(appJar, FileTime.fromMillis(1_000_000));

    BuildContext again = assemble("FROM x\n", inputs(Map.of()));

    assertThat(again.copied()).isEqualTo(1);
    assertThat(Files.readString(context.resolve("app/lib/handler-1.0.jar"))).isEqualTo("app v2");
  }

  @Test
  void filesThatNoLongerBelongAreRemoved() throws IOException {
    assemble("FROM x\n", inputs(Map.of("ric-3.0.jar", ricJar)));

    assemble("FROM y\n", new ContextInputs(Map.of("core-1.0.jar", coreJar), appJar, Map.of()));

    assertThat(contextEntries())
        .containsExactly(
            "Dockerfile",
            "app/",
            "app/lib/",
            "app/lib/handler-1.0.jar",
            "lib/",
            "lib/core-1.0.jar");
    assertThat(Files.readString(context.resolve("Dockerfile"))).isEqualTo("FROM y\n");
  }

  @Test
  void classesDirectoryIsCopiedBelowApp() throws IOException {
    write("target/classes/example/Handler.class", "bytecode");
    write("target/classes/log4j2.xml", "<Configuration/>");

    BuildContext built =
        assemble(
            "FROM x\n", new ContextInputs(Map.of(), project.resolve("target/classes"), Map.of()));

    assertThat(built.files().keySet())
        .containsExactly("Dockerfile", "app/example/Handler.class", "app/log4j2.xml");
  }
}
