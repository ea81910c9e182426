package io.github.lambdaimage.it;

import static io.github.lambdaimage.it.support.CloudAssemblies.assertNoContainerImageAsset;
import static io.github.lambdaimage.it.support.CloudAssemblies.onlyFunction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three commands users type, in order, on one copy of the reference project: {@code package}
 * for each architecture and both, {@code deploy} (which also invokes both images in {@code verify})
 * to the local registry, then {@code cdk:synth} from the pushed {@code images.json}. Each step
 * asserts on what it produced: inspected architectures, the handlers' answers, the registry's
 * manifests and digests, the synthesized template.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserJourneyIT {

  private static final String JOURNEY = "user-journey";
  private static final String REPOSITORY =
      TestRegistry.address()
          + "/lambda-image-e2e/hello-"
          + UUID.randomUUID().toString().substring(0, 8);
  private static final String REPOSITORY_PATH = REPOSITORY.substring(REPOSITORY.indexOf('/') + 1);
  private static final String VERSION = "0.1.0-SNAPSHOT";

  private static final MavenBuild HANDLER = MavenBuild.ofModuleCopy("handler", JOURNEY);

  private static MavenBuild.Result handlerBuild(String... args) {
    MavenBuild build = MavenBuild.of(HANDLER.projectDirectory());
    build.args("-Dlambda.runtime=custom", "-Dlambda.baseImage=" + TestRegistry.baseImage());
    build.args("-Dlambda.image.repository=" + REPOSITORY);
    build.args(MavenBuild.WITHOUT_MODULE_TESTS);
    MavenBuild.Result result = build.args(args).run();
    assertThat(result.succeeded()).as(result.log()).isTrue();
    return result;
  }

  private static ImageRecords records() {
    return ImageRecords.inBuildDirectory(HANDLER.projectDirectory().resolve("target"));
  }

  private static void assertBuiltFor(Architecture architecture) {
    ImageRecord record = records().read(architecture);
    assertThat(record.tag()).isEqualTo(VERSION + "-" + architecture.dockerName());
    assertThat(record.platform()).isEqualTo(architecture.platform());
    assertThat(record.verifiedArchitecture()).isEqualTo(architecture.dockerName());
    assertThat(TestEngine.client().inspectImageCmd(record.taggedReference()).exec().getArch())
        .isEqualTo(architecture.dockerName());
  }

  @AfterAll
  static void removeTags() {
    TestEngine.removeArchitectureTags(REPOSITORY, VERSION);
  }

  @Test
  @Order(1)
  void packageBuildsExactlyTheRequestedArchitecture() {
    handlerBuild("package", "-Dlambda.arch=amd64");
    assertBuiltFor(Architecture.AMD64);
    assertThat(records().imageFile(Architecture.ARM64)).doesNotExist();

    handlerBuild("package", "-Dlambda.arch=arm64");
    assertBuiltFor(Architecture.ARM64);
  }

  @Test
  @Order(2)
  void packageOfBothReportsBothUpToDate() {
    MavenBuild.Result result = handlerBuild("package", "-Dlambda.arch=amd64,arm64");

    assertBuiltFor(Architecture.AMD64);
    assertBuiltFor(Architecture.ARM64);
    assertThat(result.log()).containsPattern("\\[amd64\\].*up to date");
    assertThat(result.log()).containsPattern("\\[arm64\\].*up to date");
    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::architecture)
        .containsExactly(Architecture.AMD64, Architecture.ARM64);
  }

  @Test
  @Order(3)
  void deployInvokesBothImagesThenPushesSinglePlatformManifests() {
    MavenBuild.Result result = handlerBuild("deploy", "-Dlambda.arch=amd64,arm64");

    assertThat(result.log())
        .containsPattern("\\[[^\\]]*amd64\\] Response to [^\\n]*\"architecture\":\"amd64\"")
        .containsPattern("\\[[^\\]]*arm64\\] Response to [^\\n]*\"architecture\":\"aarch64\"");
    for (Architecture architecture : Architecture.values()) {
      ImageRecord record = records().read(architecture);
      assertThat(record.digest()).as("digest recorded for %s", architecture).startsWith("sha256:");
      assertThat(TestRegistry.servedPlatform(REPOSITORY_PATH, record.digest()))
          .isEqualTo(architecture.platform());
    }
    assertThat(ImageRecords.readIndexFile(records().indexFile()))
        .extracting(ImageRecord::digest)
        .containsExactly(
            records().read(Architecture.AMD64).digest(),
            records().read(Architecture.ARM64).digest());
  }

  @Test
  @Order(4)
  void cdkSynthDeploysThePushedArm64DigestWithItsArchitecture() throws Exception {
    MavenBuild infra = MavenBuild.ofModuleCopy("infra-cdk", JOURNEY);
    MavenBuild.Result result = infra.args("compile", "cdk:synth", "-Dlambda.arch=arm64").run();
    assertThat(result.succeeded()).as(result.log()).isTrue();

    Path assembly = infra.projectDirectory().resolve("target/cdk.out");
    JsonNode function = onlyFunction(assembly.resolve("LambdaImageFunction.template.json"));
    String arm64Digest = records().read(Architecture.ARM64).digest();
    assertThat(function.path("PackageType").asText()).isEqualTo("Image");
    assertThat(function.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(function.path("Code").path("ImageUri").toString()).contains("@" + arm64Digest);
    assertNoContainerImageAsset(assembly);
    assertThat(List.of(assembly.toFile().list())).isNotEmpty();
  }
}
