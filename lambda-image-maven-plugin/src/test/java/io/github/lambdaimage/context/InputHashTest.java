package io.github.lambdaimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InputHashTest {

  private static final Map<String, String> FILES =
      Map.of("Dockerfile", "aa", "lib/core.jar", "bb", "app/lib/app.jar", "cc");

  private static String hash(Map<String, String> files, String base, String platform) {
    return new InputHash()
        .context(new BuildContext(Path.of("ctx"), new TreeMap<>(files), 0))
        .parameter("baseImage", base)
        .parameter("platform", platform)
        .parameters("label.", Map.of("org.opencontainers.image.version", "1.0"))
        .digest();
  }

  private static final String BASE = "repo@sha256:01";

  @Test
  void sameInputsGiveTheSameHashWhateverTheOrder() {
    String first = hash(FILES, BASE, "linux/arm64");
    String second = hash(new TreeMap<>(FILES).descendingMap(), BASE, "linux/arm64");

    assertThat(first).isEqualTo(second).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void anyChangedInputChangesTheHash() {
    String original = hash(FILES, BASE, "linux/arm64");
    Map<String, String> changedContent = new TreeMap<>(FILES);
    changedContent.put("app/lib/app.jar", "cd");
    Map<String, String> renamed = new TreeMap<>(FILES);
    renamed.put("lib/core2.jar", renamed.remove("lib/core.jar"));

    assertThat(hash(changedContent, BASE, "linux/arm64")).isNotEqualTo(original);
    assertThat(hash(renamed, BASE, "linux/arm64")).isNotEqualTo(original);
    assertThat(hash(FILES, "repo@sha256:02", "linux/arm64")).isNotEqualTo(original);
    assertThat(hash(FILES, BASE, "linux/amd64")).isNotEqualTo(original);
  }

  @Test
  void parameterNamesAndValuesCannotBeShiftedIntoEachOther() {
    String a = new InputHash().parameter("ab", "c").digest();
    String b = new InputHash().parameter("a", "bc").digest();

    assertThat(a).isNotEqualTo(b);
  }
}
