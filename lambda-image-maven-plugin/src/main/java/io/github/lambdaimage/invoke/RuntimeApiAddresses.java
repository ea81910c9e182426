package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The Runtime API addresses the user chose, for an engine whose containers cannot reach this
 * machine's loopback (a remote {@code DOCKER_HOST}, a virtual machine that forwards nothing to it).
 * Either may be absent; {@link RuntimeApiRoute} fills in the rest.
 *
 * @param bind the one address of this machine the Runtime API server listens on ({@value
 *     #BIND_PROPERTY}), or {@code null} for {@code 127.0.0.1}
 * @param host the host name or address the container calls the server at ({@value #HOST_PROPERTY}),
 *     or {@code null} to take it from the engine or from {@code bind}
 */
public record RuntimeApiAddresses(String bind, String host) {

  /** The property that sets {@link #bind}. */
  public static final String BIND_PROPERTY = "lambda.runtimeApi.bind";

  /** The property that sets {@link #host}. */
  public static final String HOST_PROPERTY = "lambda.runtimeApi.host";

  /** Nothing chosen: loopback, and the host name the engine is known to forward. */
  public static final RuntimeApiAddresses DETECTED = new RuntimeApiAddresses(null, null);

  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

  /**
   * Treats blank values as absent and checks {@code host}'s form.
   *
   * @throws InvalidConfigurationException naming the property when {@code host} is no host name or
   *     address
   */
  public RuntimeApiAddresses {
    bind = bind == null || bind.isBlank() ? null : bind.strip();
    host = host == null || host.isBlank() ? null : host.strip();
    if (host != null && !HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new InvalidConfigurationException(
          "'"
              + host
              + "' is not a host name or an IP address ("
              + HOST_PROPERTY
              + "): give the name or address the function's container reaches this machine at,"
              + " without port or scheme, e.g. 192.168.1.20.");
    }
  }

  /**
   * The address to listen on: {@link #bind}, resolved on this machine, else {@code 127.0.0.1}.
   *
   * @throws InvalidConfigurationException naming {@value #BIND_PROPERTY} when it is not one address
   *     of this machine
   */
  public InetAddress bindAddress() {
    if (bind == null) {
      return InetAddress.getLoopbackAddress();
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw notLocal("is not a known host name or address");
    }
    if (address.isAnyLocalAddress()) {
      throw new InvalidConfigurationException(
          "'"
              + bind
              + "' ("
              + BIND_PROPERTY
              + ") means every interface; the Runtime API serves whoever reaches it, so it listens"
              + " on one address only. Give the address of this machine that the Docker Engine"
              + " reaches, e.g. the one of the interface facing it.");
    }
    if (!address.isLoopbackAddress() && !onThisMachine(address)) {
      throw notLocal(
          (bind.equals(address.getHostAddress()) ? "" : "(" + address.getHostAddress() + ") ")
              + "is not an address of this machine");
    }
    return address;
  }

  /** {@link #host}, else {@code address} as the container's runtime writes it in a URL. */
  String hostOr(InetAddress address) {
    if (host != null) {
      return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
    String literal = address.getHostAddress();
    return literal.contains(":") ? "[" + literal + "]" : literal;
  }

  private static boolean onThisMachine(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  private InvalidConfigurationException notLocal(String problem) {
    return new InvalidConfigurationException(
        "'"
            + bind
            + "' ("
            + BIND_PROPERTY
            + ") "
            + problem
            + ": the Runtime API server can only listen on an address of one of this machine's"
            + " interfaces. Give the one the Docker Engine reaches this machine at (ip -brief"
            + " address lists them).");
  }
}
