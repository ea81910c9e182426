package io.github.lambdaimage.docker;

import io.github.lambdaimage.docker.EngineHttp.Body;
import io.github.lambdaimage.docker.EngineHttp.Request;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.json.JsonText;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine through plain HTTP requests ({@link EngineHttp}) over the unix socket or plain TCP.
 * Nothing to start: a goal pays milliseconds for its engine client instead of docker-java's
 * start-up (its HTTP client and object mapping), which costs one to two seconds.
 */
public final class PlainDockerEngine extends DockerEngine {

  private static final long MULTIPLEXED_HEADER = 8;

  private final EngineEndpoint endpoint;
  private final EngineHttp http;

  /** A client of {@code endpoint}, which {@link #serves} must accept. */
  public PlainDockerEngine(EngineEndpoint endpoint, Duration idleLimit) {
    super(endpoint);
    this.endpoint = endpoint;
    this.http = new EngineHttp(endpoint, idleLimit);
  }

  /** True for unix sockets and plain TCP; TLS and named pipes are left to docker-java. */
  public static boolean serves(EngineEndpoint endpoint) {
    String scheme = URI.create(endpoint.host()).getScheme();
    return "unix".equals(scheme) || ("tcp".equals(scheme) && !endpoint.tlsVerify());
  }

  @Override
  protected EngineInfo readInfo() {
    Map<String, Object> version = call(new Request("GET", "/version"), "read its version", 200);
    Map<String, Object> system = call(new Request("GET", "/info"), "describe itself", 200);
    try {
      return EngineAnswers.info(version, system);
    } catch (IOException e) {
      throw unreadable("describe itself", e);
    }
  }

  @Override
  public Optional<ImageState> inspect(String reference) {
    String what = "inspect image " + reference;
    Response response = request(new Request("GET", "/images/" + reference + "/json"), what);
    if (response.status() == 404) {
      return Optional.empty();
    }
    try {
      return Optional.of(EngineAnswers.image(response.json(endpoint, 200, what)));
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  @Override
  public void tag(String imageId, String repository, String tag) {
    String target =
        "/images/" + imageId + "/tag" + EngineHttp.query(Map.of("repo", repository, "tag", tag));
    String what = "tag image " + imageId + " as " + repository + ":" + tag;
    request(new Request("POST", target), what).expect(endpoint, 201, what);
  }

  @Override
  public void removeQuietly(String reference) {
    try {
      request(new Request("DELETE", "/images/" + reference), "remove image " + reference);
    } catch (RuntimeException e) {
      // absent, in use or unreachable: nothing the build could do about it
    }
  }

  @Override
  public List<String> imagesLabelled(String label) {
    return ids(
        "/images/json" + EngineHttp.labelFilter(Map.of(), label), "list images labelled " + label);
  }

  @Override
  public String createContainer(ContainerSpec spec) {
    Map<String, Object> hostConfig = new LinkedHashMap<>();
    hostConfig.put("NetworkMode", spec.networkMode());
    hostConfig.put("Memory", spec.memoryBytes());
    hostConfig.put("ReadonlyRootfs", true);
    hostConfig.put("Tmpfs", spec.tmpfs());
    hostConfig.put("CapDrop", List.of(ContainerSpec.CAPABILITIES_DROPPED));
    hostConfig.put("SecurityOpt", List.of(ContainerSpec.NO_NEW_PRIVILEGES));
    hostConfig.put("PidsLimit", spec.pidsLimit());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", spec.image());
    body.put("User", spec.user());
    body.put(
        "Env",
        spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    body.put("Labels", spec.labels());
    body.put("HostConfig", hostConfig);
    String target =
        "/containers/create"
            + EngineHttp.query(Map.of("name", spec.name(), "platform", spec.platform()));
    String what = "create a container of " + spec.image();
    Response response = request(new Request("POST", target, Map.of(), Body.json(body)), what);
    if (response.status() == 404) {
      throw new NoSuchImageException(response.message());
    }
    try {
      return JsonText.string(response.json(endpoint, 201, what), "Id");
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  @Override
  public void startContainer(String id) {
    Response response =
        request(new Request("POST", "/containers/" + id + "/start"), "start container " + id);
    if (response.status() != 304) {
      response.expect(endpoint, 204, "start container " + id);
    }
  }

  @Override
  public void followLogs(String id, ContainerOutput output) {
    String target =
        "/containers/"
            + id
            + "/logs"
            + EngineHttp.query(Map.of("follow", "1", "stdout", "1", "stderr", "1"));
    try {
      http.exchange(
          new Request("GET", target),
          "follow the output of container " + id,
          false,
          (status, body) -> {
            if (status == 200) {
              demultiplex(body, output);
            }
            return null;
          });
    } catch (EngineUnreachableException e) {
      // the container was removed while its output was followed: the stream has ended
    } finally {
      output.end();
    }
  }

  /** Reads the 8-byte frame headers of a non-TTY container's output; ends at the stream's end. */
  private static void demultiplex(InputStream body, ContainerOutput output) throws IOException {
    DataInputStream in = new DataInputStream(body);
    byte[] header = new byte[(int) MULTIPLEXED_HEADER];
    byte[] payload = new byte[8192];
    try {
      while (true) {
        in.readFully(header);
        int length =
            ((header[4] & 0xff) << 24)
                | ((header[5] & 0xff) << 16)
                | ((header[6] & 0xff) << 8)
                | (header[7] & 0xff);
        while (length > 0) {
          int read = in.read(payload, 0, Math.min(payload.length, length));
          if (read < 0) {
            return;
          }
          output.accept(payload, 0, read);
          length -= read;
        }
      }
    } catch (EOFException | java.nio.channels.AsynchronousCloseException end) {
      // the engine ended the stream: the container stopped
    }
  }

  @Override
  public int waitContainer(String id) {
    String what = "wait for container " + id;
    Response response =
        http.exchange(
            new Request("POST", "/containers/" + id + "/wait"), what, false, Response::read);
    try {
      Object code = response.json(endpoint, 200, what).get("StatusCode");
      return code instanceof Number number ? number.intValue() : -1;
    } catch (RuntimeException e) {
      if (response.status() == 404) {
        return -1;
      }
      throw e;
    }
  }

  @Override
  public void removeContainer(String id) {
    Response response =
        request(
            new Request(
                "DELETE", "/containers/" + id + EngineHttp.query(Map.of("force", "1", "v", "1"))),
            "remove container " + id);
    if (response.status() != 404) {
      response.expect(endpoint, 204, "remove container " + id);
    }
  }

  @Override
  public Map<String, String> containersLabelled(String label) {
    String what = "list containers labelled " + label;
    Map<String, String> containers = new LinkedHashMap<>();
    try {
      for (Map<String, Object> item :
          items("/containers/json" + EngineHttp.labelFilter(Map.of("all", "1"), label), what)) {
        Object labels = item.get("Labels");
        Object value = labels instanceof Map<?, ?> map ? map.get(label) : null;
        containers.put(JsonText.string(item, "Id"), value == null ? "" : value.toString());
      }
      return containers;
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  @Override
  public void push(String name, String tag, RegistryAuth auth, Consumer<ProgressMessage> progress) {
    String target = "/images/" + name + "/push" + EngineHttp.query(Map.of("tag", tag));
    Map<String, String> headers = Map.of("X-Registry-Auth", registryAuth(auth));
    http.exchange(
        new Request("POST", target, headers, null),
        "push " + name + ":" + tag,
        true,
        (status, body) -> {
          if (status != 200) {
            progress.accept(ProgressMessage.failure(Response.read(status, body).message()));
            return null;
          }
          JsonText.readObjects(body, message -> progress.accept(ProgressMessage.of(message)));
          return null;
        });
  }

  /** The {@code X-Registry-Auth} header: base64url of the credentials as JSON. */
  static String registryAuth(RegistryAuth auth) {
    Map<String, String> json = new LinkedHashMap<>();
    if (auth.identityToken() != null) {
      json.put("identitytoken", auth.identityToken());
    } else if (auth.username() != null) {
      json.put("username", auth.username());
      json.put("password", auth.password());
    }
    json.put("serveraddress", auth.serverAddress());
    return Base64.getUrlEncoder()
        .encodeToString(JsonText.writeCompact(json).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void pull(String name, String digest, String platform, RegistryAuth auth) {
    String target =
        "/images/create"
            + EngineHttp.query(Map.of("fromImage", name, "tag", digest, "platform", platform));
    String failure =
        http.exchange(
            new Request(
                "POST",
                target,
                auth == null ? Map.of() : Map.of("X-Registry-Auth", registryAuth(auth)),
                null),
            "pull " + name + "@" + digest,
            true,
            (status, body) -> {
              if (status != 200) {
                return Response.read(status, body).message();
              }
              String[] error = {null};
              JsonText.readObjects(
                  body,
                  message -> {
                    if (message.get("error") != null) {
                      error[0] = EngineAnswers.errorOf(message);
                    }
                  });
              return error[0];
            });
    if (failure != null) {
      throw pullFailure(name, digest, platform, failure, null);
    }
  }

  @Override
  protected String send(BuildSpec spec, BuildOutput output) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("t", spec.temporaryTag());
    parameters.put("platform", spec.platform());
    parameters.put("networkmode", "host");
    parameters.put("rm", "1");
    parameters.put("forcerm", "1");
    if (!spec.buildArgs().isEmpty()) {
      parameters.put("buildargs", JsonText.writeCompact(spec.buildArgs()));
    }
    String imageId =
        http.exchange(
            new Request(
                "POST",
                "/build" + EngineHttp.query(parameters),
                Map.of(),
                Body.tar(spec.archive())),
            "build " + spec.description() + " for " + spec.platform(),
            true,
            (status, body) -> {
              if (status != 200) {
                output.error(Response.read(status, body).message());
                return null;
              }
              String[] id = {null};
              JsonText.readObjects(
                  body,
                  message -> {
                    if (message.get("stream") instanceof String text) {
                      output.stream(text);
                    }
                    if (message.get("error") != null) {
                      output.error(EngineAnswers.errorOf(message));
                    }
                    if (message.get("aux") instanceof Map<?, ?> aux
                        && aux.get("ID") instanceof String built) {
                      id[0] = built;
                    }
                  });
              return id[0];
            });
    if (output.error() != null || imageId == null) {
      throw output.failure(spec, "the engine reported no image id", null);
    }
    return imageId;
  }

  private List<String> ids(String target, String what) {
    try {
      List<String> ids = new ArrayList<>();
      for (Map<String, Object> item : items(target, what)) {
        ids.add(JsonText.string(item, "Id"));
      }
      return ids;
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  /** The objects of the JSON array the engine answers to {@code GET target}. */
  private List<Map<String, Object>> items(String target, String what) throws IOException {
    Response response = request(new Request("GET", target), what);
    response.expect(endpoint, 200, what);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object item :
        JsonText.list(JsonText.readObject("{\"items\":" + response.body() + "}"), "items")) {
      items.add(JsonText.asObject(item, "an item"));
    }
    return items;
  }

  private Map<String, Object> call(Request request, String what, int expected) {
    return request(request, what).json(endpoint, expected, what);
  }

  private Response request(Request request, String what) {
    return http.exchange(request, what, true, Response::read);
  }

  private EnvironmentException unreadable(String what, IOException e) {
    return Response.unreadable(endpoint, what, e);
  }
}
