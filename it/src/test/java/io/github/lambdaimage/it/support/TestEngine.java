package io.github.lambdaimage.it.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.lambdaimage.model.Architecture;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real Docker Engine the end-to-end tests run against (whatever DOCKER_HOST or the default
 * socket reaches; {@code scripts/env-up.sh} starts one), and small helpers over it.
 */
public final class TestEngine {

  private static DockerClient client;

  private TestEngine() {}

  /** One client for the whole test JVM. */
  public static synchronized DockerClient client() {
    if (client == null) {
      DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
      ZerodepDockerHttpClient http =
          new ZerodepDockerHttpClient.Builder()
              .dockerHost(config.getDockerHost())
              .connectionTimeout(Duration.ofSeconds(10))
              .responseTimeout(Duration.ofMinutes(5))
              .build();
      client = DockerClientImpl.getInstance(config, http);
    }
    return client;
  }

  /** Removes {@code image} (forced, also when a container uses it); nothing when it is gone. */
  public static void removeIfPresent(String image) {
    try {
      client().removeImageCmd(image).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // nothing to remove
    }
  }

  /** Pulls {@code image} for {@code platform} and waits for the pull to finish. */
  public static void pull(String image, String platform) {
    try {
      client()
          .pullImageCmd(image)
          .withPlatform(platform)
          .exec(new PullImageResultCallback())
          .awaitCompletion(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while pulling " + image, e);
    }
  }

  /** Pulls the base image's arm64 manifest by digest and returns that pinned reference. */
  public static String pullPinnedArm64Base() {
    String pinnedArm64 = TestRegistry.pinnedBase("linux/arm64");
    pull(pinnedArm64, "linux/arm64");
    return pinnedArm64;
  }

  /** What a finished container printed, and its exit code. */
  public record Run(int exitCode, String output) {}

  /**
   * Runs {@code command} (replacing the image's entrypoint and command) in a new container of
   * {@code image} for {@code platform}, without a network, waits for it to exit and removes it.
   */
  public static Run run(String image, String platform, String... command) {
    DockerClient docker = client();
    CreateContainerResponse container =
        docker
            .createContainerCmd(image)
            .withPlatform(platform)
            .withEntrypoint(command[0])
            .withCmd(java.util.Arrays.copyOfRange(command, 1, command.length))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
            .exec();
    try {
      docker.startContainerCmd(container.getId()).exec();
      int exitCode =
          docker
              .waitContainerCmd(container.getId())
              .exec(new WaitContainerResultCallback())
              .awaitStatusCode(3, TimeUnit.MINUTES);
      return new Run(exitCode, logs(container.getId()));
    } finally {
      docker.removeContainerCmd(container.getId()).withForce(true).exec();
    }
  }

  /**
   * Removes the tags {@code <repository>:<tag>-<arch>} of every architecture that exist, and the
   * dependencies images the builds of {@code repository} made.
   */
  public static void removeArchitectureTags(String repository, String tag) {
    for (Architecture architecture : Architecture.values()) {
      removeIfPresent(repository + ":" + tag + "-" + architecture.dockerName());
    }
    removeDependenciesImages(repository);
  }

  /**
   * Removes every tag of {@code lambda-image-dependencies/<last part of repository>}: the
   * dependencies images builds of {@code repository} made (tests use repositories of their own).
   */
  public static void removeDependenciesImages(String repository) {
    String name =
        "lambda-image-dependencies/"
            + repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    for (Image image : client().listImagesCmd().withImageNameFilter(name).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(name + ":")) {
          removeIfPresent(tag);
        }
      }
    }
  }

  /** Everything a container wrote to stdout and stderr. */
  public static String logs(String containerId) {
    StringBuilder output = new StringBuilder();
    try {
      client()
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  output.append(
                      new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading logs of " + containerId, e);
    }
    return output.toString();
  }
}
