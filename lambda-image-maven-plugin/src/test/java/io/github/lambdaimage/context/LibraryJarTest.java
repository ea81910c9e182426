package io.github.lambdaimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibraryJarTest {

  @Test
  void namesJarsByArtifactVersionAndClassifier() {
    assertThat(
            LibraryJar.byFileName(
                List.of(
                    new LibraryJar("com.amazonaws", "core", "1.4.0", null, Path.of("a.jar")),
                    new LibraryJar("io.netty", "epoll", "4.1", "linux-x86_64", Path.of("b.jar")))))
        .containsExactly(
            entry("core-1.4.0.jar", "a.jar"), entry("epoll-4.1-linux-x86_64.jar", "b.jar"));
  }

  @Test
  void prefixesGroupIdWhenNamesCollide() {
    assertThat(
            LibraryJar.byFileName(
                List.of(
                    new LibraryJar("org.one", "utils", "1.0", null, Path.of("a.jar")),
                    new LibraryJar("org.two", "utils", "1.0", "", Path.of("b.jar")))))
        .containsExactly(
            entry("org.one.utils-1.0.jar", "a.jar"), entry("org.two.utils-1.0.jar", "b.jar"));
  }

  private static Map.Entry<String, Path> entry(String name, String file) {
    return Map.entry(name, Path.of(file));
  }
}
