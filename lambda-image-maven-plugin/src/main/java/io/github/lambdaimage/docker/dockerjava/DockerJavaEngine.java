package io.github.lambdaimage.docker.dockerjava;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.lambdaimage.docker.BuildOutput;
import io.github.lambdaimage.docker.BuildSpec;
import io.github.lambdaimage.docker.ContainerOutput;
import io.github.lambdaimage.docker.ContainerSpec;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.EngineEndpoint;
import io.github.lambdaimage.docker.EngineInfo;
import io.github.lambdaimage.docker.ImageState;
import io.github.lambdaimage.docker.NoSuchImageException;
import io.github.lambdaimage.docker.ProgressMessage;
import io.github.lambdaimage.docker.RegistryAuth;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine through docker-java: for TLS endpoints and Windows named pipes. Loaded on demand by
 * {@link io.github.lambdaimage.docker.DockerJavaLoader}; nothing else in the plugin names
 * docker-java.
 */
public final class DockerJavaEngine extends DockerEngine {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final EngineEndpoint endpoint;
  private final DockerClient client;
  private final Streams streams;

  private DockerJavaEngine(EngineEndpoint endpoint, DockerClient client, Duration idleLimit) {
    super(endpoint);
    this.endpoint = endpoint;
    this.client = client;
    this.streams = new Streams(endpoint, idleLimit);
  }

  /**
   * Connects to {@code endpoint} and pings it.
   *
   * @throws io.github.lambdaimage.docker.EngineUnreachableException naming the endpoint and fix
   */
  public static DockerJavaEngine connect(EngineEndpoint endpoint, Duration idleLimit) {
    DockerClient client;
    try {
      DefaultDockerClientConfig config =
          DefaultDockerClientConfig.createDefaultConfigBuilder()
              .withDockerHost(endpoint.host())
              .withDockerTlsVerify(endpoint.tlsVerify())
              .withDockerCertPath(endpoint.tlsCertPath())
              .build();
      client =
          DockerClientImpl.getInstance(
              config,
              new ZerodepDockerHttpClient.Builder()
                  .dockerHost(URI.create(endpoint.host()))
                  .sslConfig(config.getSSLConfig())
                  .connectionTimeout(CONNECT_TIMEOUT)
                  .build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw unreachable(endpoint, e);
    }
    DockerJavaEngine engine = new DockerJavaEngine(endpoint, client, idleLimit);
    try {
      client.pingCmd().exec();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw unreachable(endpoint, e);
    }
  }

  @Override
  protected EngineInfo readInfo() {
    Version version = client.versionCmd().exec();
    Info system = client.infoCmd().exec();
    return EngineInfo.of(
        version.getOperatingSystem(),
        version.getArch(),
        version.getVersion(),
        version.getApiVersion(),
        system.getOperatingSystem(),
        version.getComponents() == null
            ? List.of()
            : version.getComponents().stream().map(VersionComponent::getName).toList(),
        system.getDriverStatuses() == null ? List.of() : system.getDriverStatuses(),
        new EngineInfo.Host(
            system.getKernelVersion(),
            system.getName(),
            system.getLabels() == null ? List.of() : Arrays.asList(system.getLabels())));
  }

  @Override
  public Optional<ImageState> inspect(String reference) {
    try {
      InspectImageResponse image = client.inspectImageCmd(reference).exec();
      ContainerConfig config = image.getConfig();
      List<String> startup = new ArrayList<>();
      if (config != null && config.getEntrypoint() != null) {
        startup.addAll(Arrays.asList(config.getEntrypoint()));
      }
      if (config != null && config.getCmd() != null) {
        startup.addAll(Arrays.asList(config.getCmd()));
      }
      return Optional.of(
          new ImageState(
              image.getId(),
              image.getOs() + "/" + image.getArch(),
              config == null ? null : config.getLabels(),
              startup));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(String imageId, String repository, String tag) {
    client.tagImageCmd(imageId, repository, tag).withForce(true).exec();
  }

  @Override
  public void removeQuietly(String reference) {
    try {
      client.removeImageCmd(reference).withNoPrune(false).exec();
    } catch (DockerException e) {
      // absent, or in use by a container or another tag: leave it to the engine's owner
    }
  }

  @Override
  public List<String> imagesLabelled(String label) {
    return client.listImagesCmd().withLabelFilter(label).exec().stream()
        .map(image -> image.getId())
        .toList();
  }

  @Override
  public String createContainer(ContainerSpec spec) {
    HostConfig hostConfig =
        HostConfig.newHostConfig()
            .withNetworkMode(spec.networkMode())
            .withMemory(spec.memoryBytes())
            .withReadonlyRootfs(true)
            .withTmpFs(spec.tmpfs())
            .withCapDrop(Capability.valueOf(ContainerSpec.CAPABILITIES_DROPPED))
            .withSecurityOpts(List.of(ContainerSpec.NO_NEW_PRIVILEGES))
            .withPidsLimit(spec.pidsLimit());
    try {
      return client
          .createContainerCmd(spec.image())
          .withName(spec.name())
          .withPlatform(spec.platform())
          .withUser(spec.user())
          .withEnv(
              spec.environment().entrySet().stream()
                  .map(variable -> variable.getKey() + "=" + variable.getValue())
                  .toList())
          .withLabels(spec.labels())
          .withHostConfig(hostConfig)
          .exec()
          .getId();
    } catch (NotFoundException e) {
      throw new NoSuchImageException(e.getMessage());
    }
  }

  @Override
  public void startContainer(String id) {
    try {
      client.startContainerCmd(id).exec();
    } catch (DockerException e) {
      throw new EnvironmentException(
          "The Docker Engine at "
              + endpoint.host()
              + " could not start container "
              + id
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void followLogs(String id, ContainerOutput output) {
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            output.accept(frame.getPayload(), 0, frame.getPayload().length);
          }

          @Override
          public void onError(Throwable throwable) {
            // the container was removed while its output was followed: the stream has ended
            onComplete();
          }
        };
    try {
      client
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .exec(callback)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the stream ended with the container
    } finally {
      output.end();
    }
  }

  @Override
  public int waitContainer(String id) {
    try {
      Integer code =
          client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      return code == null ? -1 : code;
    } catch (RuntimeException e) {
      // removed while waited for
      return -1;
    }
  }

  @Override
  public void removeContainer(String id) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException alreadyGone) {
      // removed by someone else: the goal is reached
    }
  }

  @Override
  public Map<String, String> containersLabelled(String label) {
    Map<String, String> containers = new LinkedHashMap<>();
    for (Container container :
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()) {
      Map<String, String> labels = container.getLabels();
      String value = labels == null ? null : labels.get(label);
      containers.put(container.getId(), value == null ? "" : value);
    }
    return containers;
  }

  @Override
  public void push(String name, String tag, RegistryAuth auth, Consumer<ProgressMessage> progress) {
    AuthConfig config = authConfig(auth);
    try {
      streams.await(
          client
              .pushImageCmd(name)
              .withTag(tag)
              .withAuthConfig(config)
              .exec(streams.<PushResponseItem>progress(progress)),
          "push " + name + ":" + tag);
    } catch (DockerClientException | DockerException e) {
      progress.accept(ProgressMessage.failure(e.getMessage()));
    }
  }

  private static AuthConfig authConfig(RegistryAuth auth) {
    AuthConfig config = new AuthConfig().withRegistryAddress(auth.serverAddress());
    if (auth.identityToken() != null) {
      config.withIdentityToken(auth.identityToken());
    } else if (auth.username() != null) {
      config.withUsername(auth.username()).withPassword(auth.password());
    }
    return config;
  }

  @Override
  protected void pull(String name, String digest, String platform, RegistryAuth auth) {
    try {
      String[] error = {null};
      PullImageCmd pull = client.pullImageCmd(name).withTag(digest).withPlatform(platform);
      if (auth != null) {
        pull.withAuthConfig(authConfig(auth));
      }
      streams.await(
          pull.exec(
              streams.<PullResponseItem>progress(
                  message -> error[0] = message.error() != null ? message.error() : error[0])),
          "pull " + name + "@" + digest);
      if (error[0] != null) {
        throw pullFailure(name, digest, platform, error[0], null);
      }
    } catch (DockerClientException | DockerException e) {
      throw pullFailure(name, digest, platform, e.getMessage(), e);
    }
  }

  @Override
  protected String send(BuildSpec spec, BuildOutput output) {
    try (InputStream tar = Files.newInputStream(spec.archive())) {
      BuildImageCmd command =
          client
              .buildImageCmd()
              .withTarInputStream(tar)
              .withPlatform(spec.platform())
              .withTags(Set.of(spec.temporaryTag()))
              .withNetworkMode("host")
              .withPull(false)
              .withRemove(true)
              .withForcerm(true);
      spec.buildArgs().forEach(command::withBuildArg);
      String[] id = {null};
      streams.await(
          command.exec(
              streams.<BuildResponseItem>activity(
                  item -> {
                    if (item.getStream() != null) {
                      output.stream(item.getStream());
                    }
                    if (item.isErrorIndicated()) {
                      output.error(
                          item.getErrorDetail() != null
                                  && item.getErrorDetail().getMessage() != null
                              ? item.getErrorDetail().getMessage()
                              : item.getError());
                    }
                    if (item.getImageId() != null) {
                      id[0] = item.getImageId();
                    }
                  })),
          "build " + spec.description() + " for " + spec.platform());
      if (output.error() != null || id[0] == null) {
        throw output.failure(spec, "the engine reported no image id", null);
      }
      return client.inspectImageCmd(id[0]).exec().getId();
    } catch (DockerClientException | DockerException e) {
      throw output.failure(spec, e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the build context " + spec.archive() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // closing a connection pool: nothing the user could act on
    }
  }
}
