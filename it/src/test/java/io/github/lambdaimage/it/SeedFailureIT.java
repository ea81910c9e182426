package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.it.support.ClassicBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure this project exists for (README, Background), reproduced through docker-java (the
 * Engine's {@code POST /build}, i.e. the classic builder) with the Dockerfile that failed: an arm64
 * stage with a {@code RUN}, then the default amd64 stage, built with the amd64 stage as target.
 *
 * <p>The base tag sits in the local image store as arm64 only, as it does on a machine whose last
 * build pulled it for arm64.
 */
class SeedFailureIT {

  private static final String ARM64_STAGE_RAN = "seed-stage=build-arm64 machine=";
  private static final String AMD64_STAGE_RAN = "seed-stage=build-amd64 machine=";

  @TempDir Path context;
  private final List<String> createdImages = new ArrayList<>();
  private String arm64OnlyTag;

  @BeforeEach
  void tagTheArm64BaseLocally() {
    String pinnedArm64 = TestEngine.pullPinnedArm64Base();
    String repository = "lambda-image-it/seed-base-" + UUID.randomUUID().toString().substring(0, 8);
    TestEngine.client().tagImageCmd(pinnedArm64, repository, "17").exec();
    arm64OnlyTag = repository + ":17";
    createdImages.add(arm64OnlyTag);
  }

  @AfterEach
  void removeCreatedImages() {
    for (String image : createdImages) {
      TestEngine.client().removeImageCmd(image).withForce(true).withNoPrune(false).exec();
    }
  }

  @Test
  void classicBuilderRunsTheForeignStageAndTheLocalStoreOverridesThePlatform() {
    ClassicBuild.Result result =
        ClassicBuild.build(
            context, seedShapedDockerfile(arm64OnlyTag, arm64OnlyTag), "build-amd64");
    createdImages.add(result.imageId());

    assertThat(result.output())
        .as("the target does not need the arm64 stage, yet its RUN executed (under QEMU here)")
        .contains(ARM64_STAGE_RAN + "aarch64");
    assertThat(result.output())
        .as("FROM --platform=linux/amd64 <tag> took the arm64 image the local store has")
        .contains(AMD64_STAGE_RAN + "aarch64")
        .doesNotContain(AMD64_STAGE_RAN + "x86_64");
  }

  @Test
  void pinningTheBaseToThePlatformManifestDigestBuildsTheRequestedArchitecture() {
    String pinnedAmd64 = TestRegistry.pinnedBase("linux/amd64");

    ClassicBuild.Result result =
        ClassicBuild.build(context, seedShapedDockerfile(arm64OnlyTag, pinnedAmd64), "build-amd64");
    createdImages.add(result.imageId());

    assertThat(result.output()).contains(AMD64_STAGE_RAN + "x86_64");
    assertThat(TestEngine.client().inspectImageCmd(result.imageId()).exec().getArch())
        .isEqualTo("amd64");
    assertThat(result.output())
        .as("pinning fixes the platform, not the classic builder running every stage")
        .contains(ARM64_STAGE_RAN);
  }

  private static String seedShapedDockerfile(String arm64Base, String amd64Base) {
    return "FROM --platform=linux/arm64 "
        + arm64Base
        + " AS build-arm64\n"
        + "RUN echo \""
        + ARM64_STAGE_RAN
        + "$(uname -m)\"\n"
        + "FROM --platform=linux/amd64 "
        + amd64Base
        + " AS build-amd64\n"
        + "RUN echo \""
        + AMD64_STAGE_RAN
        + "$(uname -m)\"\n";
  }
}
