package io.github.lambdaimage.docker;

import io.github.lambdaimage.json.JsonText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Plain HTTP/1.0 requests to the Engine API over a unix socket or plain TCP, one connection per
 * request: the body runs until the engine closes the connection. A watchdog closes a request's
 * connection when the engine has sent nothing (and taken nothing) for the idle limit, so a request
 * that keeps streaming runs as long as it needs and a stalled one fails with {@link
 * EngineTimeoutException}.
 */
final class EngineHttp {

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "lambda-image-engine-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private final EngineEndpoint endpoint;
  private final Duration idleLimit;

  EngineHttp(EngineEndpoint endpoint, Duration idleLimit) {
    this.endpoint = endpoint;
    this.idleLimit = idleLimit;
  }

  /** A request body: a file (the build context) or bytes (JSON). */
  record Body(String contentType, byte[] bytes, Path file) {
    static Body json(Object value) {
      return new Body(
          "application/json", JsonText.writeCompact(value).getBytes(StandardCharsets.UTF_8), null);
    }

    static Body tar(Path file) {
      return new Body("application/x-tar", null, file);
    }
  }

  /** Reads a response: its status and body. */
  @FunctionalInterface
  interface ResponseReader<T> {
    T read(int status, InputStream body) throws IOException;
  }

  /** Options of one request. */
  record Request(String method, String target, Map<String, String> headers, Body body) {
    Request(String method, String target) {
      this(method, target, Map.of(), null);
    }
  }

  /**
   * Sends {@code request} and hands the response to {@code reader}.
   *
   * @param what the request in words, for a timeout's message, e.g. {@code inspecting image x}
   * @param bounded whether the idle limit applies (not to waits and followed logs, which are
   *     bounded by their callers)
   * @throws EngineUnreachableException when the engine cannot be reached or drops the connection
   * @throws EngineTimeoutException when the engine is idle for too long
   */
  <T> T exchange(Request request, String what, boolean bounded, ResponseReader<T> reader) {
    Watch watch = null;
    try (SocketChannel channel = SocketChannel.open(address())) {
      watch = bounded ? new Watch(channel) : null;
      OutputStream out = Channels.newOutputStream(channel);
      out.write(head(request).getBytes(StandardCharsets.ISO_8859_1));
      Body body = request.body();
      if (body != null && body.bytes() != null) {
        out.write(body.bytes());
      } else if (body != null) {
        try (FileChannel file = FileChannel.open(body.file(), StandardOpenOption.READ)) {
          long length = file.size();
          for (long sent = 0; sent < length; ) {
            sent += file.transferTo(sent, Math.min(1 << 20, length - sent), channel);
            touch(watch);
          }
        }
      }
      InputStream in =
          new BufferedInputStream(new Touching(Channels.newInputStream(channel), watch));
      return reader.read(status(in), in);
    } catch (IOException e) {
      if (watch != null && watch.expired) {
        throw new EngineTimeoutException(endpoint.host(), what, idleLimit);
      }
      throw DockerEngine.unreachable(endpoint, e);
    } finally {
      if (watch != null) {
        watch.cancel();
      }
    }
  }

  private String head(Request request) throws IOException {
    StringBuilder head =
        new StringBuilder(request.method() + " " + request.target() + " HTTP/1.0\r\n");
    head.append("Host: docker\r\n");
    request.headers().forEach((name, value) -> head.append(name + ": " + value + "\r\n"));
    Body body = request.body();
    long length = 0;
    if (body != null) {
      head.append("Content-Type: ").append(body.contentType()).append("\r\n");
      length = body.bytes() != null ? body.bytes().length : Files.size(body.file());
    }
    return head.append("Content-Length: ").append(length).append("\r\n\r\n").toString();
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

  /** {@code ?name=value&…}, URL-encoded. */
  static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            parameter ->
                parameter.getKey()
                    + "="
                    + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", "?", ""));
  }

  /** {@code ?…&filters={"label":["…"]}}. */
  static String labelFilter(Map<String, String> parameters, String label) {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.put("filters", JsonText.writeCompact(Map.of("label", List.of(label))));
    return query(all);
  }

  private static void touch(Watch watch) {
    if (watch != null) {
      watch.lastActivity = System.nanoTime();
    }
  }

  /** Closes the channel when nothing moved for the idle limit. */
  private final class Watch implements Runnable {
    private final SocketChannel channel;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean expired;
    private volatile ScheduledFuture<?> next;

    Watch(SocketChannel channel) {
      this.channel = channel;
      schedule(idleLimit.toNanos());
    }

    private void schedule(long delayNanos) {
      next = WATCHDOG.schedule(this, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      long idle = System.nanoTime() - lastActivity;
      if (idle < idleLimit.toNanos()) {
        schedule(idleLimit.toNanos() - idle);
        return;
      }
      expired = true;
      try {
        channel.close();
      } catch (IOException e) {
        // closing is all that was wanted
      }
    }

    void cancel() {
      next.cancel(false);
    }
  }

  /** Counts every read as activity. */
  private static final class Touching extends FilterInputStream {
    private final Watch watch;

    Touching(InputStream in, Watch watch) {
      super(in);
      this.watch = watch;
    }

    @Override
    public int read() throws IOException {
      int next = super.read();
      touch(watch);
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      touch(watch);
      return read;
    }
  }
}
