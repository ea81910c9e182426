package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The original failure (README, Background) prevented, through real Maven builds of the reference
 * handler: each rendered Dockerfile names one platform only, and an amd64 build runs amd64 code
 * even when the base tag in the local image store is the arm64 image (the trap {@link
 * SeedFailureIT} falls into).
 */
class SeedPreventionIT {

  private static final String REPOSITORY_PREFIX = "lambda-image-e2e/seed-";

  @Test
  void eachRenderedDockerfileHasOneStagePinnedToItsOwnPlatform() throws IOException {
    MavenBuild build = MavenBuild.ofModuleCopy("handler", "seed-prevention-render");

    MavenBuild.Result result =
        build
            .args(
                "lambda-image:dockerfile",
                "-Dlambda.arch=amd64,arm64",
                "-Dlambda.runtime=custom",
                "-Dlambda.baseImage=" + TestRegistry.baseImage())
            .run();

    assertThat(result.succeeded()).as(result.log()).isTrue();
    for (Architecture architecture : Architecture.values()) {
      String dockerfile =
          Files.readString(
              ImageRecords.inBuildDirectory(build.projectDirectory().resolve("target"))
                  .architectureDirectory(architecture)
                  .resolve("context/Dockerfile"),
              StandardCharsets.UTF_8);
      List<String> stages = dockerfile.lines().filter(line -> line.startsWith("FROM ")).toList();
      assertThat(stages)
          .containsExactly(
              "FROM --platform="
                  + architecture.platform()
                  + " "
                  + TestRegistry.pinnedBase(architecture.platform()));
      Architecture other =
          architecture == Architecture.AMD64 ? Architecture.ARM64 : Architecture.AMD64;
      assertThat(dockerfile).doesNotContain(other.platform());
    }
  }

  @Test
  void anAmd64BuildRunsAmd64CodeWhenTheLocalBaseTagIsArm64() throws Exception {
    String baseTag = TestRegistry.baseImage();
    String previousImageOfTag = imageIdOrNull(baseTag);
    String repository = REPOSITORY_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    MavenBuild build = MavenBuild.ofModuleCopy("handler", "seed-prevention-build");
    writeTemplateWithAMachineProbe(build.projectDirectory());
    try {
      holdTagAsArm64Locally(baseTag);

      MavenBuild.Result result =
          build
              .args(
                  "package",
                  "-DskipTests",
                  "-Dlambda.arch=amd64",
                  "-Dlambda.runtime=custom",
                  "-Dlambda.baseImage=" + baseTag,
                  "-Dlambda.image.repository=" + repository)
              .run();

      assertThat(result.succeeded()).as(result.log()).isTrue();
      ImageRecord record =
          ImageRecords.inBuildDirectory(build.projectDirectory().resolve("target"))
              .read(Architecture.AMD64);
      InspectImageResponse image = TestEngine.client().inspectImageCmd(record.imageId()).exec();
      assertThat(image.getArch()).isEqualTo("amd64");
      TestEngine.Run probe =
          TestEngine.run(record.imageId(), "linux/amd64", "cat", "/seed-check-machine");
      assertThat(probe.output().trim())
          .as("the machine the template's RUN step executed on")
          .isEqualTo("x86_64");
    } finally {
      restoreTag(baseTag, previousImageOfTag);
      TestEngine.removeIfPresent(repository + ":" + "0.1.0-SNAPSHOT-amd64");
      TestEngine.removeDependenciesImages(repository);
    }
  }

  private static void writeTemplateWithAMachineProbe(Path project) throws IOException {
    Path template = project.resolve("src/main/docker/Dockerfile");
    String original = Files.readString(template, StandardCharsets.UTF_8);
    String probe = "\nRUN uname -m > /seed-check-machine\n";
    int afterFrom = original.indexOf('\n', original.indexOf("\nFROM ") + 1);
    Files.writeString(
        template,
        original.substring(0, afterFrom) + probe + original.substring(afterFrom),
        StandardCharsets.UTF_8);
  }

  private static void holdTagAsArm64Locally(String baseTag) {
    String pinnedArm64 = TestEngine.pullPinnedArm64Base();
    int colon = baseTag.lastIndexOf(':');
    TestEngine.client()
        .tagImageCmd(pinnedArm64, baseTag.substring(0, colon), baseTag.substring(colon + 1))
        .withForce(true)
        .exec();
    assertThat(TestEngine.client().inspectImageCmd(baseTag).exec().getArch()).isEqualTo("arm64");
  }

  private static void restoreTag(String tag, String previousImageId) {
    int colon = tag.lastIndexOf(':');
    if (previousImageId != null) {
      TestEngine.client()
          .tagImageCmd(previousImageId, tag.substring(0, colon), tag.substring(colon + 1))
          .withForce(true)
          .exec();
    } else {
      TestEngine.removeIfPresent(tag);
    }
  }

  private static String imageIdOrNull(String image) {
    try {
      return TestEngine.client().inspectImageCmd(image).exec().getId();
    } catch (NotFoundException e) {
      return null;
    }
  }
}
