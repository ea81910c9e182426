package io.github.lambdaimage.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.errors.EnvironmentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only look at one image through the Engine API ({@code GET /images/{name}/json} over the
 * unix socket or plain TCP), used for the up-to-date check. A build with nothing to do then never
 * starts docker-java, whose start-up (its HTTP client and object mapping) costs seconds on a busy
 * machine. Endpoints with TLS are not probed: {@link #forEndpoint} is empty for them.
 */
public final class EngineProbe {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineEndpoint endpoint;

  private EngineProbe(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A probe for {@code endpoint}, or empty when it needs TLS or is not a unix or tcp address. */
  public static Optional<EngineProbe> forEndpoint(EngineEndpoint endpoint) {
    String scheme = URI.create(endpoint.host()).getScheme();
    boolean supported = "unix".equals(scheme) || ("tcp".equals(scheme) && !endpoint.tlsVerify());
    return supported ? Optional.of(new EngineProbe(endpoint)) : Optional.empty();
  }

  /**
   * The image {@code reference}, if the engine has it.
   *
   * @throws EngineUnreachableException when the engine does not answer
   * @throws EnvironmentException when it answers with an error
   */
  public Optional<ImageState> inspect(String reference) {
    String response = get("/images/" + reference + "/json");
    int status = Integer.parseInt(response.substring(9, 12));
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw new EnvironmentException(
          "The Docker Engine at " + endpoint.host() + " answered " + status + ": " + body.strip());
    }
    try {
      JsonNode image = JSON.readTree(body);
      Map<String, String> labels = new HashMap<>();
      image
          .path("Config")
          .path("Labels")
          .fields()
          .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
      return Optional.of(
          new ImageState(
              image.path("Id").asText(),
              image.path("Os").asText() + "/" + image.path("Architecture").asText(),
              labels));
    } catch (IOException e) {
      throw new EnvironmentException(
          "The Docker Engine at "
              + endpoint.host()
              + " sent an unreadable image: "
              + e.getMessage(),
          e);
    }
  }

  private String get(String path) {
    try (SocketChannel channel = SocketChannel.open(address())) {
      OutputStream out = Channels.newOutputStream(channel);
      out.write(
          ("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      Channels.newInputStream(channel).transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw DockerEngine.unreachable(endpoint, e);
    }
  }

  private SocketAddress address() {
    URI uri = URI.create(endpoint.host());
    return "unix".equals(uri.getScheme())
        ? UnixDomainSocketAddress.of(uri.getPath())
        : new InetSocketAddress(uri.getHost(), uri.getPort());
  }
}
