package io.github.lambdaimage.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A token service for a real registry configured with {@code auth: token}: issues RS256 JWTs with
 * the signing certificate in {@code x5c}, as the distribution registry verifies them. Grants the
 * scope asked for to {@code user}/{@code password} (Basic, on GET) and to the refresh token {@link
 * #IDENTITY_TOKEN} (OAuth form, on POST); refuses everyone else. Records how each token was asked
 * for.
 */
final class TokenServer implements AutoCloseable {

  static final String ISSUER = "lambda-image-test-issuer";
  static final String SERVICE = "lambda-image-test-registry";
  static final String IDENTITY_TOKEN = "test-refresh-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String basic;
  private final List<String> requests = new ArrayList<>();

  private TokenServer(PrivateKey key, X509Certificate certificate, String user, String password)
      throws IOException {
    this.key = key;
    this.certificate = certificate;
    this.basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  /**
   * Generates a signing key and certificate with the JDK's keytool, writes the certificate as the
   * registry's {@code rootcertbundle} to {@code directory/token.pem}, and starts serving.
   */
  static TokenServer start(Path directory, String user, String password) {
    try {
      Files.createDirectories(directory);
      Path keystore = directory.resolve("token.p12");
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=token",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  keystore.toString(),
                  "-storepass",
                  "changeit",
                  "-alias",
                  "token")
              .redirectErrorStream(true)
              .start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        store.load(in, "changeit".toCharArray());
      }
      X509Certificate certificate = (X509Certificate) store.getCertificate("token");
      Files.writeString(
          directory.resolve("token.pem"),
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(certificate.getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      PrivateKey key = (PrivateKey) store.getKey("token", "changeit".toCharArray());
      return new TokenServer(key, certificate, user, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot set up the token server: " + e, e);
    }
  }

  /** The realm URL the registry sends in its Bearer challenge. */
  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The registry's {@code rootcertbundle}. */
  static Path certificateBundle(Path directory) {
    return directory.resolve("token.pem");
  }

  /** How tokens were asked for, e.g. {@code GET basic repository:app:pull}. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String method = exchange.getRequestMethod();
    String how;
    if (method.equals("POST")) {
      query.putAll(
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      how = IDENTITY_TOKEN.equals(query.get("refresh_token")) ? "refresh-token" : null;
    } else {
      how = basic.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? "basic" : null;
    }
    String scope = query.getOrDefault("scope", "");
    synchronized (this) {
      requests.add(method + " " + (how == null ? "refused" : how) + " " + scope);
    }
    if (how == null) {
      respond(exchange, 401, "{\"details\":\"bad credentials\"}");
      return;
    }
    String token = sign(scope);
    respond(
        exchange,
        200,
        "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
  }

  private String sign(String scope) throws IOException {
    try {
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      long now = Instant.now().getEpochSecond();
      ObjectNode claims =
          JSON.createObjectNode()
              .put("iss", ISSUER)
              .put("sub", "test")
              .put("aud", SERVICE)
              .put("exp", now + 300)
              .put("nbf", now - 10)
              .put("iat", now)
              .put("jti", UUID.randomUUID().toString());
      ArrayNode access = claims.putArray("access");
      for (String item : scope.split(" ")) {
        String[] parts = item.split(":");
        if (parts.length == 3) {
          ArrayNode actions =
              access.addObject().put("type", parts[0]).put("name", parts[1]).putArray("actions");
          for (String action : parts[2].split(",")) {
            actions.add(action);
          }
        }
      }
      String signingInput =
          URL.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + URL.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(signature.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("Cannot sign a token", e);
    }
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> fields = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return fields;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.merge(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8),
          (first, second) -> first + " " + second);
    }
    return fields;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
