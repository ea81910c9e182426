package io.github.lambdaimage.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asks the test environment's registry (scripts/env-up.sh) for real. */
class BaseImageResolverTest {

  static final String REGISTRY = System.getProperty("lambda.test.registry", "127.0.0.1:5000");
  static final String SINGLE_PLATFORM_AMD64 = REGISTRY + "/lambda-image-test/java-base:17-amd64";
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path directory;
  private final AtomicInteger registryCalls = new AtomicInteger();

  private BaseImageResolver resolver(boolean offline, boolean update) {
    Supplier<RegistryClient> registry =
        () -> {
          registryCalls.incrementAndGet();
          return new RegistryClient(RegistryCredentialProvider.anonymous(), BuildLog.silent());
        };
    return new BaseImageResolver(
        registry, RegistryCredentialProvider.anonymous(), offline, update, BuildLog.silent());
  }

  @Test
  void pinsToThePlatformManifestAndCachesIt() {
    PinnedBaseImage pinned =
        resolver(false, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    assertThat(pinned.fromReference())
        .startsWith(REGISTRY + "/lambda-image-test/java-base@sha256:");
    assertThat(pinned.recordedReference()).isEqualTo(SINGLE_PLATFORM_AMD64 + "@" + pinned.digest());
    assertThat(directory.resolve("base.json")).exists();
    assertThat(registryCalls).hasValue(1);
  }

  @Test
  void secondResolutionUsesTheCacheWithoutTheRegistry() {
    PinnedBaseImage first =
        resolver(false, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    PinnedBaseImage second =
        resolver(false, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    assertThat(second).isEqualTo(first);
    assertThat(registryCalls).hasValue(1);
  }

  @Test
  void updateAsksTheRegistryAgain() {
    resolver(false, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    resolver(false, true).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    assertThat(registryCalls).hasValue(2);
  }

  @Test
  void changedBaseImageIsResolvedAgain() throws IOException {
    String cached =
        "{\"configured\":\"other:1\",\"platform\":\"linux/amd64\",\"name\":\"docker.io/library/other\","
            + "\"digest\":\""
            + DIGEST
            + "\",\"tag\":\"1\"}";
    Files.writeString(directory.resolve("base.json"), cached);

    PinnedBaseImage pinned =
        resolver(false, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    assertThat(pinned.configured()).isEqualTo(SINGLE_PLATFORM_AMD64);
    assertThat(registryCalls).hasValue(1);
  }

  @Test
  void baseWithoutThePlatformFailsNamingBaseAndPlatforms() {
    assertThatThrownBy(
            () ->
                resolver(false, false)
                    .resolve(SINGLE_PLATFORM_AMD64, Architecture.ARM64, directory))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Base image "
                + SINGLE_PLATFORM_AMD64
                + " has no linux/arm64 image: it is a single-platform image for linux/amd64. Use a"
                + " multi-platform base image, or one built for linux/arm64.");
  }

  @Test
  void offlineWithoutCacheFailsForARemoteRegistry() {
    assertThatThrownBy(
            () ->
                resolver(true, false)
                    .resolve("public.ecr.aws/lambda/java:21", Architecture.ARM64, directory))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Offline mode: the digest of base image public.ecr.aws/lambda/java:21 for linux/arm64"
                + " is not cached yet, and the registry cannot be asked. Build once online, or pin"
                + " the base image by digest (lambda.baseImage=<image>@sha256:<digest of the"
                + " linux/arm64 manifest>).");
    assertThat(registryCalls).hasValue(0);
  }

  @Test
  void offlineUsesAPinnedRemoteBaseAsGiven() {
    PinnedBaseImage pinned =
        resolver(true, false)
            .resolve("public.ecr.aws/lambda/java:21@" + DIGEST, Architecture.ARM64, directory);

    assertThat(pinned.fromReference()).isEqualTo("public.ecr.aws/lambda/java@" + DIGEST);
    assertThat(registryCalls).hasValue(0);
  }

  @Test
  void offlineMayStillAskARegistryOnLoopback() {
    PinnedBaseImage pinned =
        resolver(true, false).resolve(SINGLE_PLATFORM_AMD64, Architecture.AMD64, directory);

    assertThat(pinned.digest()).startsWith("sha256:");
    assertThat(registryCalls).hasValue(1);
  }
}
