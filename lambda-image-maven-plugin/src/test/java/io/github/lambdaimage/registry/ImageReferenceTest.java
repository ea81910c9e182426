package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ubuntu, docker.io/library/ubuntu:latest",
    "ubuntu:22.04, docker.io/library/ubuntu:22.04",
    "team/app, docker.io/team/app:latest",
    "docker.io/ubuntu, docker.io/library/ubuntu:latest",
    "index.docker.io/team/app:1, docker.io/team/app:1",
    "localhost/app, localhost/app:latest",
    "localhost:5000/app:1.0, localhost:5000/app:1.0",
    "127.0.0.1:5000/lambda-image-test/java-base:17,"
        + " 127.0.0.1:5000/lambda-image-test/java-base:17",
    "public.ecr.aws/lambda/java:21, public.ecr.aws/lambda/java:21",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello:1.0.0-arm64,"
        + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello:1.0.0-arm64",
    "Registry/app, Registry/app:latest",
    "[::1]:5000/app:v1, [::1]:5000/app:v1",
    "a/b/c/d:tag_1.2-x, docker.io/a/b/c/d:tag_1.2-x",
    "my__app/x.y-z, docker.io/my__app/x.y-z:latest",
  })
  void normalisesAsDockerDoes(String value, String canonical) {
    assertThat(ImageReference.parse(value)).hasToString(canonical);
  }

  @Test
  void splitsIntoRegistryRepositoryTagAndDigest() {
    ImageReference reference = ImageReference.parse("127.0.0.1:5000/team/app:1.0@" + DIGEST);

    assertThat(reference.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(reference.repository()).isEqualTo("team/app");
    assertThat(reference.name()).isEqualTo("127.0.0.1:5000/team/app");
    assertThat(reference.tag()).contains("1.0");
    assertThat(reference.digest()).contains(DIGEST);
    assertThat(reference.manifestReference()).isEqualTo(DIGEST);
    assertThat(reference).hasToString("127.0.0.1:5000/team/app:1.0@" + DIGEST);
  }

  @Test
  void digestWithoutTagHasNoTag() {
    ImageReference reference = ImageReference.parse("ubuntu@" + DIGEST);

    assertThat(reference.tag()).isEmpty();
    assertThat(reference).hasToString("docker.io/library/ubuntu@" + DIGEST);
  }

  @Test
  void withDigestKeepsTheTagAndWithoutTagDropsIt() {
    ImageReference pinned = ImageReference.parse("127.0.0.1:5000/base:17").withDigest(DIGEST);

    assertThat(pinned).hasToString("127.0.0.1:5000/base:17@" + DIGEST);
    assertThat(pinned.withoutTag()).hasToString("127.0.0.1:5000/base@" + DIGEST);
    assertThat(pinned.manifestReference()).isEqualTo(DIGEST);
  }

  @Test
  void withTagReplacesTagAndDigest() {
    ImageReference reference = ImageReference.parse("127.0.0.1:5000/base:17@" + DIGEST);

    assertThat(reference.withTag("18")).hasToString("127.0.0.1:5000/base:18");
  }

  @Test
  void withoutTagNeedsADigest() {
    ImageReference reference = ImageReference.parse("app:1");

    assertThatThrownBy(reference::withoutTag)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("docker.io/library/app:1 has no digest; it cannot drop its tag");
  }

  @Test
  void withDigestRejectsSomethingElse() {
    ImageReference reference = ImageReference.parse("app:1");

    assertThatThrownBy(() -> reference.withDigest("sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a sha256 digest: sha256:abc");
  }

  @Test
  void equalReferencesAreEqualWhateverTheSpelling() {
    assertThat(ImageReference.parse("ubuntu"))
        .isEqualTo(ImageReference.parse("docker.io/library/ubuntu:latest"))
        .hasSameHashCodeAs(ImageReference.parse("index.docker.io/library/ubuntu"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| it is empty",
        "' app'| it has leading or trailing white space",
        "Ubuntu| the path component 'Ubuntu' is not lower-case letters and digits separated by"
            + " '.', '_', '__' or '-'",
        "app:| the tag '' is not 1-128 of letters, digits, '_', '.', '-' (no leading . -)",
        "app:.x| the tag '.x' is not 1-128 of letters, digits, '_', '.', '-' (no leading . -)",
        "app@sha256:abc| the digest 'sha256:abc' is not sha256: and 64 lower-case hex",
        "app@md5:0123456789abcdef0123456789abcdef| the digest 'md5:0123456789abcdef0123456789abcdef'"
            + " is not sha256: and 64 lower-case hex",
        "team//app| the path component '' is not lower-case letters and digits separated by '.',"
            + " '_', '__' or '-'",
        "127.0.0.1:5000/| the repository path is empty",
        "-bad.host/app| the registry host '-bad.host' is not a valid host[:port]",
        "host:port/app| the registry host 'host:port' is not a valid host[:port]",
        "app_/x| the path component 'app_' is not lower-case letters and digits separated by '.',"
            + " '_', '__' or '-'",
        "a___b| the path component 'a___b' is not lower-case letters and digits"
            + " separated by '.', '_', '__' or '-'",
      })
  void rejectsInvalidReferencesNamingValueAndReason(String value, String reason) {
    assertThatThrownBy(() -> ImageReference.parse(value))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Invalid image reference '"
                + value
                + "': "
                + reason
                + ". Use [host[:port]/]path[:tag][@sha256:digest], e.g."
                + " 127.0.0.1:5000/team/app:1.0.");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> ImageReference.parse(null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Invalid image reference 'null': it is empty.");
  }

  @Test
  void rejectsNamesLongerThan255Characters() {
    String value = "127.0.0.1:5000/" + "a".repeat(241);

    assertThatThrownBy(() -> ImageReference.parse(value))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("the name is longer than 255 characters");
    assertThat(ImageReference.parse("127.0.0.1:5000/" + "a".repeat(240)).repository()).hasSize(240);
  }

  @Test
  void rejectsTagsLongerThan128Characters() {
    assertThat(ImageReference.parse("app:" + "t".repeat(128)).tag()).contains("t".repeat(128));
    assertThatThrownBy(() -> ImageReference.parse("app:" + "t".repeat(129)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("the tag 'ttt");
  }
}
