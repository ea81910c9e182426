package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Version;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test environment that scripts/env-up.sh brings up is real and has both architectures. */
class EnvironmentIT {

  private static final String BASE_REPOSITORY = "lambda-image-test/java-base";

  @Test
  void engineAnswers() {
    TestEngine.client().pingCmd().exec();
    Version version = TestEngine.client().versionCmd().exec();
    assertThat(version.getOperatingSystem()).isEqualTo("linux");
    assertThat(version.getApiVersion()).isNotBlank();
  }

  @Test
  void baseImageIsAnIndexWithAnAmd64AndAnArm64Manifest() {
    TestRegistry.Manifest index = TestRegistry.manifest(BASE_REPOSITORY, "17");

    assertThat(index.mediaType())
        .isIn(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(TestRegistry.platformDigests(BASE_REPOSITORY, "17"))
        .containsOnlyKeys("linux/amd64", "linux/arm64");
  }

  @ParameterizedTest
  @CsvSource({"amd64, amd64", "arm64, aarch64"})
  void eachPlatformManifestIsAnImageOfItsArchitectureRunningJava(
      String architecture, String javaOsArch) throws Exception {
    String platform = "linux/" + architecture;
    String pinned = TestRegistry.pinnedBase(platform);

    TestEngine.pull(pinned, platform);
    InspectImageResponse image = TestEngine.client().inspectImageCmd(pinned).exec();
    assertThat(image.getOs()).isEqualTo("linux");
    assertThat(image.getArch()).isEqualTo(architecture);

    TestEngine.Run run =
        TestEngine.run(pinned, platform, "java", "-XshowSettings:properties", "-version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("os.arch = " + javaOsArch);
  }
}
