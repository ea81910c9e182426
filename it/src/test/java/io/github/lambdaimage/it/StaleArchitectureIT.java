package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code images.json} lists the architectures of the last build only: after a build of both and
 * then of amd64, synthesizing the reference app for arm64 fails, naming arm64 and both fixes,
 * instead of deploying the arm64 image the earlier build left.
 */
class StaleArchitectureIT {

  private static final String NAME = "stale-architecture";
  private static final String REPOSITORY =
      TestRegistry.address()
          + "/lambda-image-cdk/stale-"
          + UUID.randomUUID().toString().substring(0, 8);
  private static final String VERSION = "0.1.0-SNAPSHOT";

  private static final MavenBuild HANDLER = MavenBuild.ofModuleCopy("handler", NAME);

  private static ImageRecords records() {
    return ImageRecords.inBuildDirectory(HANDLER.projectDirectory().resolve("target"));
  }

  private static void packageFor(String architectures) {
    MavenBuild build =
        MavenBuild.of(HANDLER.projectDirectory())
            .args(
                "package",
                "-DskipTests",
                "-Dlambda.arch=" + architectures,
                "-Dlambda.runtime=custom",
                "-Dlambda.baseImage=" + TestRegistry.baseImage(),
                "-Dlambda.image.repository=" + REPOSITORY);
    long start = System.nanoTime();
    MavenBuild.Result result = build.run();
    System.out.printf(
        "package -Dlambda.arch=%s: %.1f s%n", architectures, (System.nanoTime() - start) / 1e9);
    assertThat(result.succeeded()).as(result.log()).isTrue();
  }

  @AfterAll
  static void removeTags() {
    TestEngine.removeArchitectureTags(REPOSITORY, VERSION);
  }

  @Test
  void aBuildOfFewerArchitecturesUnlistsTheOthersAndSynthForOneOfThemSaysHowToFixIt() {
    packageFor("amd64,arm64");
    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::architecture)
        .containsExactly(Architecture.AMD64, Architecture.ARM64);

    packageFor("amd64");

    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::architecture)
        .containsExactly(Architecture.AMD64);
    assertThat(records().imageFile(Architecture.ARM64)).isRegularFile();

    MavenBuild infra =
        MavenBuild.ofModuleCopy("infra-cdk", NAME)
            .args("compile", "cdk:synth", "-Dlambda.arch=arm64");
    long start = System.nanoTime();
    MavenBuild.Result synth = infra.run();
    System.out.printf("cdk:synth -Dlambda.arch=arm64: %.1f s%n", (System.nanoTime() - start) / 1e9);

    assertThat(synth.succeeded()).as(synth.log()).isFalse();
    assertThat(synth.log())
        .contains(
            "Synthesis failed: The function is declared arm64 (lambda.arch), but "
                + records().indexFile()
                + " lists amd64 only: the last build did not build arm64. Build and push it"
                + " (./mvnw deploy -Dlambda.arch=arm64), or deploy the arm64 image an earlier"
                + " build left by pointing lambda.image.manifest at "
                + records().imageFile(Architecture.ARM64)
                + ".");
  }
}
