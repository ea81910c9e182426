package io.github.lambdaimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ContainerConfig;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The build's engine operations through docker-java: for endpoints that need TLS. */
public final class DockerJavaImageEngine extends ImageEngine {

  private final Supplier<DockerEngine> engine;

  /** Operations through {@code engine}'s client, asked for on first use. */
  public DockerJavaImageEngine(Supplier<DockerEngine> engine) {
    this.engine = engine;
  }

  private DockerClient client() {
    return engine.get().client();
  }

  @Override
  public Optional<ImageState> inspect(String reference) {
    try {
      InspectImageResponse image = client().inspectImageCmd(reference).exec();
      ContainerConfig config = image.getConfig();
      return Optional.of(
          new ImageState(
              image.getId(),
              image.getOs() + "/" + image.getArch(),
              config == null ? null : config.getLabels(),
              config == null ? null : startup(config)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static List<String> startup(ContainerConfig config) {
    List<String> startup = new ArrayList<>();
    if (config.getEntrypoint() != null) {
      startup.addAll(Arrays.asList(config.getEntrypoint()));
    }
    if (config.getCmd() != null) {
      startup.addAll(Arrays.asList(config.getCmd()));
    }
    return startup;
  }

  @Override
  protected void pull(String name, String digest, String platform, RegistryAuth auth) {
    try {
      PullImageCmd pull = client().pullImageCmd(name).withTag(digest).withPlatform(platform);
      if (auth != null) {
        pull.withAuthConfig(
            new AuthConfig()
                .withRegistryAddress(auth.serverAddress())
                .withUsername(auth.username())
                .withPassword(auth.password())
                .withIdentityToken(auth.identityToken()));
      }
      pull.exec(new PullImageResultCallback()).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while pulling " + name + "@" + digest, e);
    } catch (DockerClientException | DockerException e) {
      throw pullFailure(name, digest, platform, e.getMessage(), e);
    }
  }

  @Override
  protected String send(BuildSpec spec, BuildOutput output) {
    try (InputStream tar = Files.newInputStream(spec.archive())) {
      BuildImageCmd command =
          client()
              .buildImageCmd()
              .withTarInputStream(tar)
              .withPlatform(spec.platform())
              .withTags(Set.of(spec.temporaryTag()))
              .withNetworkMode("host")
              .withPull(false)
              .withRemove(true)
              .withForcerm(true);
      spec.buildArgs().forEach(command::withBuildArg);
      String shortId = command.exec(new Callback(output)).awaitImageId();
      return client().inspectImageCmd(shortId).exec().getId();
    } catch (DockerClientException | DockerException e) {
      throw output.failure(spec, e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the build context " + spec.archive() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void tag(String imageId, String repository, String tag) {
    client().tagImageCmd(imageId, repository, tag).withForce(true).exec();
  }

  @Override
  public void removeQuietly(String reference) {
    try {
      client().removeImageCmd(reference).withNoPrune(false).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (DockerException e) {
      // in use by a container or another tag: leave it to the engine's owner
    }
  }

  /** Feeds docker-java's build messages to the output. */
  private static final class Callback extends BuildImageResultCallback {
    private final BuildOutput output;

    Callback(BuildOutput output) {
      this.output = output;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        output.stream(item.getStream());
      }
      if (item.isErrorIndicated()) {
        output.error(
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError());
      }
      super.onNext(item);
    }
  }
}
