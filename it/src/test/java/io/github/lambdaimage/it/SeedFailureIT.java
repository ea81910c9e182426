package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.it.support.ClassicBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure this project exists for, reproduced through docker-java: a Dockerfile with an arm64
 * stage and a default amd64 stage, built with the amd64 stage as target, still runs the arm64
 * stage's {@code RUN}, because the classic builder executes every stage before the target. On a
 * runner without QEMU that {@code RUN} fails with {@code exec format error}; here QEMU lets it run,
 * and the build output shows it ran.
 */
class SeedFailureIT {

  @TempDir Path context;
  private String builtImage;

  @AfterEach
  void removeImage() {
    if (builtImage != null) {
      TestEngine.client().removeImageCmd(builtImage).withForce(true).exec();
    }
  }

  @Test
  void classicBuilderRunsTheForeignStageEvenWithTheAmd64StageAsTarget() {
    String base = TestRegistry.baseImage();
    String dockerfile =
        "FROM --platform=linux/arm64 "
            + base
            + " AS build-arm64\n"
            + "RUN echo \"seed-stage=build-arm64 machine=$(uname -m)\"\n"
            + "FROM --platform=linux/amd64 "
            + base
            + " AS build-amd64\n"
            + "RUN echo \"seed-stage=build-amd64 machine=$(uname -m)\"\n";

    ClassicBuild.Result result = ClassicBuild.build(context, dockerfile, "build-amd64");
    builtImage = result.imageId();

    assertThat(result.output())
        .as("the arm64 stage is not needed by the target, yet the classic builder ran its RUN")
        .contains("seed-stage=build-arm64 machine=aarch64");
    assertThat(result.output()).contains("seed-stage=build-amd64 machine=");
  }
}
