package io.github.lambdaimage.registry.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loopback stand-ins for the two AWS APIs an ECR token needs (AWS is out of reach), speaking their
 * real protocols and recording every request: Amazon ECR's {@code GetAuthorizationToken} (JSON 1.1,
 * SigV4-signed) and AWS STS's {@code AssumeRoleWithWebIdentity} (query protocol, XML answer).
 */
final class AwsStandIn implements AutoCloseable {

  /** The password inside the ECR token the stand-in hands out. */
  static final String ECR_PASSWORD = "ecr-password";

  /** The temporary credentials the STS stand-in hands out. */
  static final String TEMPORARY_ACCESS_KEY = "ASIASTANDINTEMPORARY";

  static final String SESSION_TOKEN = "stand-in-session-token";

  private final HttpServer server;
  private final List<String> requests = new ArrayList<>();

  private AwsStandIn(String api) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", api.equals("ecr") ? this::ecr : this::sts);
    server.start();
  }

  /**
   * Amazon ECR: answers {@code GetAuthorizationToken} with the token of {@code AWS:}{@link
   * #ECR_PASSWORD}; records {@code <X-Amz-Target> <Authorization> token=<X-Amz-Security-Token>}.
   */
  static AwsStandIn ecr() {
    return start("ecr");
  }

  /**
   * AWS STS: answers {@code AssumeRoleWithWebIdentity} with {@link #TEMPORARY_ACCESS_KEY} and
   * {@link #SESSION_TOKEN}; records {@code <Action> <RoleArn> <RoleSessionName>
   * <WebIdentityToken>}.
   */
  static AwsStandIn sts() {
    return start("sts");
  }

  private static AwsStandIn start(String api) {
    try {
      return new AwsStandIn(api);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The requests so far, as described by {@link #ecr()} and {@link #sts()}. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private synchronized void record(String request) {
    requests.add(request);
  }

  private void ecr(HttpExchange exchange) throws IOException {
    String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    record(
        exchange.getRequestHeaders().getFirst("X-Amz-Target")
            + " "
            + exchange.getRequestHeaders().getFirst("Authorization")
            + (token == null ? "" : " token=" + token));
    String authorizationToken =
        Base64.getEncoder()
            .encodeToString(("AWS:" + ECR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    respond(
        exchange,
        "application/x-amz-json-1.1",
        "{\"authorizationData\":[{\"authorizationToken\":\""
            + authorizationToken
            + "\",\"expiresAt\":"
            + Instant.now().plus(12, ChronoUnit.HOURS).getEpochSecond()
            + ",\"proxyEndpoint\":\"https://x\"}]}");
  }

  private void sts(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    record(
        form.get("Action")
            + " "
            + form.get("RoleArn")
            + " "
            + form.get("RoleSessionName")
            + " "
            + form.get("WebIdentityToken"));
    String expiration =
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    respond(
        exchange,
        "text/xml",
        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<AssumeRoleWithWebIdentityResult>"
            + "<SubjectFromWebIdentityToken>ci-runner</SubjectFromWebIdentityToken>"
            + "<Audience>sts.amazonaws.com</Audience>"
            + "<AssumedRoleUser>"
            + "<Arn>arn:aws:sts::123456789012:assumed-role/pusher/"
            + form.get("RoleSessionName")
            + "</Arn>"
            + "<AssumedRoleId>AROASTANDIN:"
            + form.get("RoleSessionName")
            + "</AssumedRoleId>"
            + "</AssumedRoleUser>"
            + "<Credentials>"
            + "<SessionToken>"
            + SESSION_TOKEN
            + "</SessionToken>"
            + "<SecretAccessKey>stand-in-secret</SecretAccessKey>"
            + "<Expiration>"
            + expiration
            + "</Expiration>"
            + "<AccessKeyId>"
            + TEMPORARY_ACCESS_KEY
            + "</AccessKeyId>"
            + "</Credentials>"
            + "<Provider>token.actions.example</Provider>"
            + "</AssumeRoleWithWebIdentityResult>"
            + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>"
            + "</ResponseMetadata>"
            + "</AssumeRoleWithWebIdentityResponse>");
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void respond(HttpExchange exchange, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
