package io.github.lambdaimage.it;

import static io.github.lambdaimage.it.support.CloudAssemblies.assertNoDockerImageAsset;
import static io.github.lambdaimage.it.support.CloudAssemblies.onlyFunction;
import static io.github.lambdaimage.it.support.PushedRecords.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's own CDK app ({@code it/src/test/projects/user-cdk-app}), outside this reactor and
 * depending on lambda-image-cdk alone, built by Maven and synthesized by {@code cdk:synth} from an
 * {@code images.json} of two pushed architectures.
 */
class UserCdkAppIT {

  private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
  private static final String AMD64_DIGEST = "sha256:" + "a".repeat(64);
  private static final String ARM64_DIGEST = "sha256:" + "b".repeat(64);

  @Test
  void appDependingOnlyOnLambdaImageCdkDeploysTheRecordedDigestWithItsArchitecture()
      throws Exception {
    MavenBuild build = MavenBuild.ofTestProject("user-cdk-app", "user-cdk-app");
    new ImageRecords(build.projectDirectory().resolve("images"))
        .recordBuild(
            List.of(
                pushed(Architecture.AMD64, REPOSITORY, AMD64_DIGEST),
                pushed(Architecture.ARM64, REPOSITORY, ARM64_DIGEST)));

    long start = System.nanoTime();
    MavenBuild.Result result =
        build
            .args(
                "compile",
                "cdk:synth",
                "-Dlambda.arch=arm64",
                "-Dlambda-image.version=" + MavenBuild.projectVersion())
            .run();
    System.out.printf("user app compile cdk:synth: %.1f s%n", (System.nanoTime() - start) / 1e9);

    assertThat(result.succeeded()).as(result.log()).isTrue();
    Path assembly = build.projectDirectory().resolve("target/cdk.out");
    JsonNode function = onlyFunction(assembly.resolve("Functions.template.json"));
    assertThat(function.path("PackageType").asText()).isEqualTo("Image");
    assertThat(function.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(function.path("MemorySize").asInt()).isEqualTo(1024);
    assertThat(function.path("Code").path("ImageUri").toString())
        .isEqualTo(
            "{\"Fn::Join\":[\"\",[\"123456789012.dkr.ecr.eu-west-1.\",{\"Ref\":\"AWS::URLSuffix\"},"
                + "\"/hello@"
                + ARM64_DIGEST
                + "\"]]}");
    assertNoDockerImageAsset(assembly);
  }
}
