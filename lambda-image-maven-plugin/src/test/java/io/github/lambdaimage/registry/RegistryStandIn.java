package io.github.lambdaimage.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdaimage.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry on loopback that speaks the registry API v2 as far as reading manifests goes: {@code
 * /v2/...} answers 401 with the configured {@code WWW-Authenticate} challenge until a request
 * carries an accepted {@code Authorization}; {@code /token} issues a Bearer token for the accepted
 * Basic credentials; a manifest path answers with the configured manifest or a redirect.
 *
 * <p>It also stands in for every other host: {@link #httpClient()} routes requests to hosts that
 * are not on loopback through it as an HTTP proxy, so a test can see exactly what would have
 * reached a hostile host. Every request is recorded with its host and {@code Authorization}.
 */
public final class RegistryStandIn implements AutoCloseable {

  /** One request as received. */
  public record Received(String method, String host, String path, String authorization) {}

  static final String TOKEN = "stand-in-token";

  /** The config of the one image the stand-in serves: linux/amd64. */
  public static final String CONFIG =
      "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

  /** The manifest served for every tag: a single-platform OCI image manifest of {@link #CONFIG}. */
  public static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
          + CONFIG.length()
          + ",\"digest\":\""
          + Sha256.contentDigest(CONFIG.getBytes(StandardCharsets.UTF_8))
          + "\"},\"layers\":[]}";

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private volatile String challenge;
  private volatile String basic;

  private RegistryStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stand-in that serves manifests to anyone until {@link #requireBasic} or a challenge. */
  public static RegistryStandIn start() {
    try {
      return new RegistryStandIn();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Accepts only {@code user}/{@code password} as Basic credentials, challenging with Basic. */
  public RegistryStandIn requireBasic(String user, String password) {
    basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    challenge = "Basic realm=\"stand-in\"";
    return this;
  }

  /**
   * Challenges with Bearer and {@code realm}; {@code /token} of any host the stand-in serves gives
   * {@link #TOKEN} for {@code user}/{@code password} as Basic credentials, and the API accepts that
   * token.
   */
  RegistryStandIn requireBearer(String realm, String user, String password) {
    requireBasic(user, password);
    challenge = "Bearer realm=\"" + realm + "\",service=\"stand-in\"";
    return this;
  }

  /** Answers GET/HEAD of {@code path} (on this registry's host) with a 307 to {@code location}. */
  RegistryStandIn redirect(String path, String location) {
    redirects.put(path, location);
    return this;
  }

  /** Every request so far, in order. */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests that reached {@code host} (as named in the request's Host header). */
  public List<Received> receivedBy(String host) {
    return received().stream().filter(r -> r.host().equals(host)).toList();
  }

  /**
   * A client that does not follow redirects and sends requests for hosts that are not on loopback
   * to this stand-in, as a proxy: they reach it instead of the network.
   */
  HttpClient httpClient() {
    InetSocketAddress self = server.getAddress();
    ProxySelector otherHostsHere =
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            return RegistryClient.isLoopback(uri.getHost())
                ? List.of(Proxy.NO_PROXY)
                : List.of(new Proxy(Proxy.Type.HTTP, self));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        };
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(otherHostsHere)
        .connectTimeout(RegistryClient.CONNECT_TIMEOUT)
        .build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    String path = exchange.getRequestURI().getRawPath();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    synchronized (this) {
      received.add(
          new Received(
              exchange.getRequestMethod(),
              host,
              path
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery()),
              authorization));
    }
    boolean ownHost = address().equals(host);
    if (path.equals("/token")) {
      if (basic != null && basic.equals(authorization)) {
        respond(exchange, 200, "{\"token\":\"" + TOKEN + "\"}", "application/json");
      } else {
        respond(exchange, 401, "{\"details\":\"bad credentials\"}", "application/json");
      }
      return;
    }
    if (ownHost && redirects.containsKey(path) && authorized(authorization)) {
      exchange.getResponseHeaders().add("Location", redirects.get(path));
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
      return;
    }
    if (ownHost && !authorized(authorization)) {
      exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
      respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "application/json");
      return;
    }
    if (path.contains("/manifests/")) {
      respond(exchange, 200, MANIFEST, MediaTypes.OCI_MANIFEST);
      return;
    }
    if (path.endsWith("/blobs/" + Sha256.contentDigest(CONFIG.getBytes(StandardCharsets.UTF_8)))) {
      respond(exchange, 200, CONFIG, "application/octet-stream");
      return;
    }
    respond(exchange, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}", "application/json");
  }

  private boolean authorized(String authorization) {
    if (challenge == null) {
      return true;
    }
    return authorization != null
        && (authorization.equals(basic) || authorization.equals("Bearer " + TOKEN));
  }

  private static void respond(HttpExchange exchange, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Docker-Content-Digest", Sha256.contentDigest(bytes));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
