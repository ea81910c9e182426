package io.github.lambdaimage.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stalled engine: a socket that accepts every connection and never answers, on loopback TCP or on
 * a unix socket. Closing it closes the connections it holds.
 */
public final class SilentEngine implements AutoCloseable {

  private final ServerSocketChannel server;
  private final String host;
  private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();

  private SilentEngine(ServerSocketChannel server, String host) {
    this.server = server;
    this.host = host;
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(server.accept());
                }
              } catch (IOException closed) {
                // the test is over
              }
            },
            "silent-engine");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** On a free loopback port: {@code tcp://127.0.0.1:<port>}. */
  public static SilentEngine onLoopback() {
    ServerSocketChannel server =
        open(
            StandardProtocolFamily.INET,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    try {
      return new SilentEngine(
          server, "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** On the unix socket {@code socket}: {@code unix://<socket>}. */
  public static SilentEngine onUnixSocket(Path socket) {
    return new SilentEngine(
        open(StandardProtocolFamily.UNIX, UnixDomainSocketAddress.of(socket)), "unix://" + socket);
  }

  private static ServerSocketChannel open(StandardProtocolFamily family, SocketAddress address) {
    try {
      return ServerSocketChannel.open(family).bind(address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address for {@code DOCKER_HOST}. */
  public String host() {
    return host;
  }

  /** How many connections it has accepted. */
  public int accepted() {
    return accepted.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel channel : accepted) {
      channel.close();
    }
  }
}
