package io.github.lambdaimage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRecordsTest {

  @TempDir Path buildDirectory;

  private static ImageRecord arm64Record() {
    return ImageRecord.built(
        Architecture.ARM64,
        "127.0.0.1:5000/hello",
        "1.0.0-arm64",
        "sha256:aaa",
        "127.0.0.1:5000/base@sha256:bbb",
        "example.Handler::handleRequest",
        "sha256:ccc",
        "arm64");
  }

  @Test
  void writesTheContractShapeWithoutDigestBeforeAPush() throws Exception {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.write(arm64Record());

    String json =
        Files.readString(
            buildDirectory.resolve("lambda-image/arm64/image.json"), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\n"
                + "  \"architecture\" : \"arm64\",\n"
                + "  \"lambdaArchitecture\" : \"arm64\",\n"
                + "  \"platform\" : \"linux/arm64\",\n"
                + "  \"repository\" : \"127.0.0.1:5000/hello\",\n"
                + "  \"tag\" : \"1.0.0-arm64\",\n"
                + "  \"imageId\" : \"sha256:aaa\",\n"
                + "  \"baseImage\" : \"127.0.0.1:5000/base@sha256:bbb\",\n"
                + "  \"handler\" : \"example.Handler::handleRequest\",\n"
                + "  \"contextDigest\" : \"sha256:ccc\",\n"
                + "  \"verifiedArchitecture\" : \"arm64\"\n"
                + "}\n");
  }

  private static ImageRecord amd64Record() {
    return ImageRecord.built(
        Architecture.AMD64, "hello", "1-amd64", "sha256:1", "base", "h", "sha256:2", "amd64");
  }

  private static List<String> listed(ImageRecords records) {
    return ImageRecords.readIndexFile(records.indexFile()).stream()
        .map(record -> record.architecture().dockerName())
        .toList();
  }

  @Test
  void indexListsTheBuildsArchitecturesAndFollowsDigestUpdates() {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.recordBuild(List.of(arm64Record(), amd64Record()));
    records.write(records.read(Architecture.ARM64).withDigest("sha256:ddd"));

    List<ImageRecord> index = ImageRecords.readIndexFile(records.indexFile());
    assertThat(index)
        .extracting(ImageRecord::architecture)
        .containsExactly(Architecture.AMD64, Architecture.ARM64);
    assertThat(index.get(1).digest()).isEqualTo("sha256:ddd");
    assertThat(index.get(1).digestReference()).isEqualTo("127.0.0.1:5000/hello@sha256:ddd");
    assertThat(index.get(0).digestReference()).isNull();
  }

  @Test
  void aBuildOfFewerArchitecturesDropsTheOthersFromTheIndexButKeepsTheirImageJson() {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.recordBuild(List.of(amd64Record(), arm64Record()));

    records.recordBuild(List.of(amd64Record()));

    assertThat(listed(records)).containsExactly("amd64");
    assertThat(records.read(Architecture.ARM64)).isEqualTo(arm64Record());
  }

  @Test
  void pushingAnArchitectureTheLastBuildDidNotBuildDoesNotListItAgain() {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.recordBuild(List.of(amd64Record(), arm64Record()));
    records.recordBuild(List.of(amd64Record()));

    records.write(arm64Record().withDigest("sha256:ddd"));

    assertThat(listed(records)).containsExactly("amd64");
    assertThat(records.read(Architecture.ARM64).digest()).isEqualTo("sha256:ddd");
  }

  @Test
  void theFirstWriteWithoutAnIndexCreatesItForThatArchitecture() {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);

    records.write(arm64Record());

    assertThat(listed(records)).containsExactly("arm64");
  }

  @Test
  void concurrentPushesOfBothArchitecturesLoseNoDigest() throws Exception {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.recordBuild(List.of(amd64Record(), arm64Record()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        String digest = "sha256:" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (ImageRecord record : List.of(amd64Record(), arm64Record())) {
          writes.add(
              pool.submit(
                  () -> {
                    start.await();
                    new ImageRecords(records.root()).write(record.withDigest(digest));
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> write : writes) {
          write.get();
        }

        assertThat(ImageRecords.readIndexFile(records.indexFile()))
            .extracting(ImageRecord::digest)
            .as("round %d", round)
            .containsExactly(digest, digest);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void indexFileHasTheContractShape() throws Exception {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.write(arm64Record().withDigest("sha256:ddd"));

    assertThat(Files.readString(records.indexFile(), StandardCharsets.UTF_8))
        .startsWith("{\n  \"images\" : [ {\n    \"architecture\" : \"arm64\",\n")
        .contains("    \"imageId\" : \"sha256:aaa\",\n    \"digest\" : \"sha256:ddd\",\n")
        .endsWith("    \"verifiedArchitecture\" : \"arm64\"\n  } ]\n}\n");
  }

  @Test
  void theEngineThatBuiltTheImageIsRecordedLastAndReadBack() throws Exception {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    ImageRecord built = arm64Record().withEngine("tcp://10.0.0.5:2376");
    records.write(built.withDigest("sha256:ddd"));

    String json = Files.readString(records.imageFile(Architecture.ARM64), StandardCharsets.UTF_8);
    assertThat(json)
        .endsWith(
            "  \"verifiedArchitecture\" : \"arm64\",\n"
                + "  \"engine\" : \"tcp://10.0.0.5:2376\"\n"
                + "}\n");
    assertThat(records.read(Architecture.ARM64).engine()).isEqualTo("tcp://10.0.0.5:2376");
    assertThat(records.read(Architecture.ARM64).digest()).isEqualTo("sha256:ddd");
  }

  @Test
  void aRecordOfAnEarlierVersionHasNoEngine() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"architecture\":\"arm64\",\"verifiedArchitecture\":\"arm64\"}");

    assertThat(ImageRecords.readFile(file).engine()).isNull();
    assertThat(ImageRecords.readFile(file).isArchitectureVerified()).isTrue();
  }

  @Test
  void membersFromANewerVersionAreIgnored() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"architecture\":\"arm64\",\"future\":{\"x\":[1]},\"tag\":\"t\"}");

    ImageRecord record = ImageRecords.readFile(file);

    assertThat(record.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(record.tag()).isEqualTo("t");
    assertThat(record.imageId()).isNull();
  }

  @Test
  void unreadableRecordsNameTheFileAndTheProblem() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"architecture\":[\"arm64\"]}");
    Path index = buildDirectory.resolve("images.json");
    Files.writeString(index, "{\"images\":[\"arm64\"]}");

    assertThatThrownBy(() -> ImageRecords.readFile(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Cannot read image record " + file + ": \"architecture\" is not a string: [arm64]");
    assertThatThrownBy(() -> ImageRecords.readIndexFile(index))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Cannot read image index " + index + ": an entry of images is not an object: arm64");
  }

  @Test
  void aRecordWithAnUnknownArchitectureNamesTheFileAndTheValue() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"architecture\":\"ppc64le\"}");

    assertThatThrownBy(() -> ImageRecords.readFile(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Cannot read image record "
                + file
                + ": \"architecture\": Unknown architecture 'ppc64le'; accepted values: amd64"
                + " (alias x86_64), arm64 (alias aarch64).");
  }

  @Test
  void aRecordWithoutArchitectureIsNoImageRecord() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"tag\":\"t\"}");

    assertThatThrownBy(() -> ImageRecords.readFile(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Cannot read image record "
                + file
                + ": an image has no \"architecture\"; it is not an image.json or images.json"
                + " written by lambda-image");
  }

  @Test
  void aRecordWhoseArchitectureMembersDisagreeIsRejected() throws Exception {
    Path file = buildDirectory.resolve("image.json");
    Files.writeString(file, "{\"architecture\":\"arm64\",\"lambdaArchitecture\":\"x86_64\"}");

    assertThatThrownBy(() -> ImageRecords.readFile(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Cannot read image record "
                + file
                + ": architecture arm64 disagrees with lambdaArchitecture x86_64; the file is"
                + " inconsistent, rebuild the image");
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    records.write(arm64Record());
    try (var files = Files.list(records.architectureDirectory(Architecture.ARM64))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("image.json");
    }
    try (var files = Files.list(records.root())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("arm64", "images.json", ".images.json.lock");
    }
  }

  @Test
  void missingRecordSaysHowToBuildIt() {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory);
    assertThatThrownBy(() -> records.read(Architecture.AMD64))
        .isInstanceOf(MissingImageRecordException.class)
        .hasMessageContaining("lambda-image/amd64/image.json")
        .hasMessageContaining("./mvnw package -Dlambda.arch=<arch>");
  }

  @Test
  void verifiedOnlyWhenTheInspectedArchitectureMatches() {
    assertThat(arm64Record().isArchitectureVerified()).isTrue();
    ImageRecord wrong =
        ImageRecord.built(Architecture.ARM64, "r", "t", "i", "b", "h", "c", "amd64");
    assertThat(wrong.isArchitectureVerified()).isFalse();
    ImageRecord missing = ImageRecord.built(Architecture.ARM64, "r", "t", "i", "b", "h", "c", null);
    assertThat(missing.isArchitectureVerified()).isFalse();
  }
}
