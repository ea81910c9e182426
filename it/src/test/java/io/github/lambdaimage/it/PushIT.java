package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.LocalRegistryProcess;
import io.github.lambdaimage.registry.RawRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.cipher.PlexusCipherException;

/**
 * {@code mvn deploy} of a copy of the reference handler: lambda-image:build, then lambda-image:push
 * to a real registry, with credentials from settings.xml where the registry wants them.
 */
class PushIT {

  private static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  private final List<Runnable> cleanUps = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    cleanUps.forEach(Runnable::run);
  }

  /** {@code deploy} of the handler for {@code architectures}, pushing to {@code repository}. */
  private static String[] deploy(String repository, String architectures, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "deploy",
                "-Dlambda.arch=" + architectures,
                "-Dlambda.runtime=custom",
                "-Dlambda.baseImage=" + TestRegistry.baseImage(),
                "-Dlambda.image.repository=" + repository));
    arguments.addAll(List.of(MavenBuild.WITHOUT_MODULE_TESTS));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  private void removeTagsAfterwards(ImageRecords records, Architecture architecture) {
    ImageRecord record = records.read(architecture);
    cleanUps.add(() -> TestEngine.client().removeImageCmd(record.taggedReference()).exec());
  }

  @Test
  void deployPushesBothArchitecturesAsSinglePlatformImagesAndRecordsTheirDigests() {
    String path = RawRegistry.uniqueRepository("deploy");
    MavenBuild.Result result =
        MavenBuild.ofModuleCopy("handler", "push-deploy")
            .args(deploy(TestRegistry.address() + "/" + path, "amd64,arm64"))
            .run();

    assertThat(result.succeeded()).as(result.log()).isTrue();
    ImageRecords records =
        ImageRecords.inBuildDirectory(result.projectDirectory().resolve("target"));
    RawRegistry registry = new RawRegistry(TestRegistry.address());
    for (Architecture architecture : Architecture.values()) {
      removeTagsAfterwards(records, architecture);
      ImageRecord record = records.read(architecture);
      cleanUps.add(() -> registry.deleteManifest(path, record.digest()));
      TestRegistry.Manifest served = TestRegistry.manifest(path, record.tag());
      assertThat(served.mediaType()).isEqualTo(DOCKER_MANIFEST);
      assertThat(record.digest()).isEqualTo(served.digest());
      JsonNode config =
          TestRegistry.blob(path, served.body().path("config").path("digest").asText());
      assertThat(config.path("architecture").asText()).isEqualTo(architecture.dockerName());
      assertThat(config.path("os").asText()).isEqualTo("linux");
      assertThat(result.log())
          .contains("Pushed " + TestRegistry.address() + "/" + path + "@" + record.digest());
    }
    assertThat(ImageRecords.readIndexFile(records.indexFile()))
        .extracting(ImageRecord::digest)
        .containsExactly(
            records.read(Architecture.AMD64).digest(), records.read(Architecture.ARM64).digest());
    String pushSection =
        result.log().substring(result.log().indexOf("lambda-image:" + "0.1.0-SNAPSHOT:push"));
    assertThat(pushSection.lines().filter(line -> line.startsWith("[INFO] ")).count())
        .as("a short push log in batch mode:\n%s", pushSection)
        .isLessThan(20);
  }

  @Test
  void deployUsesTheSettingsServerWithAnEncryptedPasswordAndAWrongOneFailsClearly(
      @TempDir Path directory) throws Exception {
    try (LocalRegistryProcess registry =
        LocalRegistryProcess.startWithHtpasswd(directory.resolve("registry"), "alice", "s3cret")) {
      String repository = registry.address() + "/" + RawRegistry.uniqueRepository("settings");
      DefaultPlexusCipher cipher = new DefaultPlexusCipher();
      Path security = directory.resolve("settings-security.xml");
      Files.writeString(
          security,
          "<settingsSecurity><master>"
              + cipher.encryptAndDecorate("master", "settings.security")
              + "</master></settingsSecurity>");

      MavenBuild.Result skipped =
          MavenBuild.ofModuleCopy("handler", "push-settings")
              .args(deploy(repository, "amd64", "-Dlambda.skip.push=true"))
              .run();
      assertThat(skipped.succeeded()).as(skipped.log()).isTrue();
      assertThat(skipped.log()).contains("Skipping lambda-image:push: lambda.skip.push is true.");
      ImageRecords records =
          ImageRecords.inBuildDirectory(skipped.projectDirectory().resolve("target"));
      removeTagsAfterwards(records, Architecture.AMD64);
      assertThat(records.read(Architecture.AMD64).digest()).isNull();

      Function<String, MavenBuild.Result> deployAsAliceWith =
          password ->
              MavenBuild.of(skipped.projectDirectory())
                  .args(deploy(repository, "amd64", "-Dsettings.security=" + security))
                  .server(registry.address(), "alice", encrypt(cipher, password))
                  .run();

      MavenBuild.Result wrong = deployAsAliceWith.apply("wrong");
      assertThat(wrong.succeeded()).as(wrong.log()).isFalse();
      assertThat(wrong.log())
          .contains(
              "Registry "
                  + registry.address()
                  + " rejected the credentials (user 'alice' from settings.xml <server> '"
                  + registry.address()
                  + "')")
          .contains("Add a <server> with <id>" + registry.address() + "</id>");
      assertThat(records.read(Architecture.AMD64).digest()).isNull();

      MavenBuild.Result right = deployAsAliceWith.apply("s3cret");
      assertThat(right.succeeded()).as(right.log()).isTrue();
      assertThat(right.log())
          .contains(
              "Registry "
                  + registry.address()
                  + ": using user 'alice' from settings.xml <server> '"
                  + registry.address()
                  + "'.")
          .doesNotContain("s3cret");
      ImageRecord pushed = records.read(Architecture.AMD64);
      RawRegistry.Served served =
          new RawRegistry(registry.address(), "alice", "s3cret")
              .manifest(repository.substring(registry.address().length() + 1), pushed.tag());
      assertThat(pushed.digest()).isEqualTo(served.digestHeader());
    }
  }

  /** {@code password} encrypted with the master password "master", as settings.xml holds it. */
  private static String encrypt(DefaultPlexusCipher cipher, String password) {
    try {
      return cipher.encryptAndDecorate(password, "master");
    } catch (PlexusCipherException e) {
      throw new IllegalStateException(e);
    }
  }
}
