package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.json.JsonText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The build's engine operations as plain HTTP/1.0 requests to the Engine API over the unix socket
 * or plain TCP, one connection per request. Nothing to start: a rebuild pays milliseconds for its
 * engine client instead of docker-java's start-up (its HTTP client and object mapping), which costs
 * most of a second. Endpoints with TLS are not served: {@link #forEndpoint} is empty for them.
 */
public final class PlainImageEngine extends ImageEngine {

  private final EngineEndpoint endpoint;

  private PlainImageEngine(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A client for {@code endpoint}, or empty when it needs TLS or is not a unix or tcp address. */
  public static Optional<PlainImageEngine> forEndpoint(EngineEndpoint endpoint) {
    String scheme = URI.create(endpoint.host()).getScheme();
    boolean supported = "unix".equals(scheme) || ("tcp".equals(scheme) && !endpoint.tlsVerify());
    return supported ? Optional.of(new PlainImageEngine(endpoint)) : Optional.empty();
  }

  @Override
  public Optional<ImageState> inspect(String reference) {
    Response response = exchange("GET", "/images/" + reference + "/json", null, Response::read);
    if (response.status() == 404) {
      return Optional.empty();
    }
    String what = "inspect image " + reference;
    Map<String, Object> image = response.json(endpoint, 200, what);
    try {
      Map<String, Object> config = JsonText.object(image, "Config");
      Map<String, String> labels = new LinkedHashMap<>();
      Map<String, Object> labelValues = JsonText.object(config, "Labels");
      for (String name : labelValues.keySet()) {
        labels.put(name, JsonText.string(labelValues, name));
      }
      List<String> startup = new ArrayList<>();
      for (Object part : JsonText.list(config, "Entrypoint")) {
        startup.add(String.valueOf(part));
      }
      for (Object part : JsonText.list(config, "Cmd")) {
        startup.add(String.valueOf(part));
      }
      return Optional.of(
          new ImageState(
              JsonText.string(image, "Id"),
              JsonText.string(image, "Os") + "/" + JsonText.string(image, "Architecture"),
              labels,
              startup));
    } catch (IOException e) {
      throw unreadableAnswer(endpoint, what, e);
    }
  }

  @Override
  public void tag(String imageId, String repository, String tag) {
    String target = "/images/" + imageId + "/tag" + query(Map.of("repo", repository, "tag", tag));
    Response response = exchange("POST", target, null, Response::read);
    if (response.status() != 201) {
      throw new EnvironmentException(
          "Cannot tag image "
              + imageId
              + " as "
              + repository
              + ":"
              + tag
              + ": the Docker Engine answered "
              + response.status()
              + " "
              + response.message());
    }
  }

  @Override
  public void removeQuietly(String reference) {
    try {
      exchange("DELETE", "/images/" + reference, null, Response::read);
    } catch (RuntimeException e) {
      // absent, in use or unreachable: nothing the build could do about it
    }
  }

  @Override
  protected void pull(String name, String digest, String platform, RegistryAuth auth) {
    String target =
        "/images/create" + query(Map.of("fromImage", name, "tag", digest, "platform", platform));
    String failure =
        exchange(
            "POST",
            target,
            null,
            auth == null ? Map.of() : Map.of("X-Registry-Auth", auth.header()),
            (status, body) -> {
              if (status != 200) {
                return Response.read(status, body).message();
              }
              String[] error = {null};
              JsonText.readObjects(
                  body,
                  message -> {
                    if (message.get("error") != null) {
                      error[0] = errorOf(message);
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
        exchange(
            "POST",
            "/build" + query(parameters),
            spec.archive(),
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
                      output.error(errorOf(message));
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

  /** The message of a streamed error: its {@code errorDetail.message}, else its {@code error}. */
  private static String errorOf(Map<String, Object> message) {
    if (message.get("errorDetail") instanceof Map<?, ?> detail
        && detail.get("message") instanceof String text) {
      return text;
    }
    return String.valueOf(message.get("error"));
  }

  private static EnvironmentException unreadableAnswer(
      EngineEndpoint endpoint, String what, IOException e) {
    return new EnvironmentException(
        "The Docker Engine at "
            + endpoint.host()
            + " sent an unreadable answer to "
            + what
            + ": "
            + e.getMessage(),
        e);
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            parameter ->
                parameter.getKey()
                    + "="
                    + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", "?", ""));
  }

  /** Reads a response: its status and body. */
  @FunctionalInterface
  private interface ResponseReader<T> {
    T read(int status, InputStream body) throws IOException;
  }

  /**
   * Sends one request (with the file {@code body} as a tar, if given) and hands the response to
   * {@code reader}.
   */
  private <T> T exchange(String method, String target, Path body, ResponseReader<T> reader) {
    return exchange(method, target, body, Map.of(), reader);
  }

  private <T> T exchange(
      String method,
      String target,
      Path body,
      Map<String, String> headers,
      ResponseReader<T> reader) {
    try (SocketChannel channel = SocketChannel.open(address())) {
      OutputStream out = Channels.newOutputStream(channel);
      StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\n");
      head.append("Host: docker\r\n");
      headers.forEach((header, value) -> head.append(header + ": " + value + "\r\n"));
      try (FileChannel file =
          body == null ? null : FileChannel.open(body, StandardOpenOption.READ)) {
        long length = file == null ? 0 : file.size();
        if (file != null) {
          head.append("Content-Type: application/x-tar\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (long sent = 0; sent < length; ) {
          sent += file.transferTo(sent, length - sent, channel);
        }
      }
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
      return reader.read(status(in), in);
    } catch (IOException e) {
      throw DockerEngine.unreachable(endpoint, e);
    }
  }

  /** Reads the status line and the headers, and returns the status. */
  private static int status(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    while (!line(in).isEmpty()) {
      // headers: the body runs until the engine closes the connection
    }
    return Integer.parseInt(parts[1]);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int next = in.read(); next != '\n'; next = in.read()) {
      if (next == -1) {
        throw new IOException("the engine closed the connection mid-response");
      }
      line.write(next);
    }
    return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
  }

  private SocketAddress address() {
    URI uri = URI.create(endpoint.host());
    return "unix".equals(uri.getScheme())
        ? UnixDomainSocketAddress.of(uri.getPath())
        : new InetSocketAddress(uri.getHost(), uri.getPort());
  }

  /** A whole response. */
  private record Response(int status, String body) {

    static Response read(int status, InputStream body) throws IOException {
      return new Response(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The engine's error message ({@code {"message": …}}), else the body. */
    String message() {
      try {
        if (JsonText.readObject(body).get("message") instanceof String message) {
          return message;
        }
      } catch (IOException e) {
        // not JSON: the body as it is
      }
      return body.strip();
    }

    /** The body as a JSON object, when the status is {@code expected}. */
    Map<String, Object> json(EngineEndpoint endpoint, int expected, String what) {
      if (status != expected) {
        throw new EnvironmentException(
            "The Docker Engine at "
                + endpoint.host()
                + " could not "
                + what
                + ": it answered "
                + status
                + " "
                + message());
      }
      try {
        return JsonText.readObject(body);
      } catch (IOException e) {
        throw unreadableAnswer(endpoint, what, e);
      }
    }
  }
}
