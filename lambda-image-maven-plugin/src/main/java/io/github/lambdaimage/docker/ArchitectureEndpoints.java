package io.github.lambdaimage.docker;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which engine each architecture is built, invoked and pushed on: its own when one is configured
 * ({@code lambda.dockerHost.<arch>} or {@code <dockerHosts><arch>}, with {@code
 * lambda.dockerCertPath.<arch>} and {@code lambda.dockerTlsVerify.<arch>} for TLS), else the
 * default engine ({@code DOCKER_HOST}, the Docker context, the default socket).
 *
 * <p>Architectures are named as {@code lambda.arch}'s canonical values, {@code amd64} and {@code
 * arm64}; an alias or an unknown name is refused, so a setting never silently misses its engine.
 */
public final class ArchitectureEndpoints {

  /** {@code lambda.dockerHost.<arch>}: the architecture's engine address. */
  public static final String HOST_PREFIX = "lambda.dockerHost.";

  /**
   * {@code lambda.dockerCertPath.<arch>}: its TLS directory ({@code ca.pem}, {@code cert.pem}…).
   */
  public static final String CERT_PATH_PREFIX = "lambda.dockerCertPath.";

  /** {@code lambda.dockerTlsVerify.<arch>}: whether its TLS certificate is verified. */
  public static final String TLS_VERIFY_PREFIX = "lambda.dockerTlsVerify.";

  /** The configuration element mapping architectures to engine addresses. */
  public static final String HOSTS_ELEMENT = "<dockerHosts>";

  private static final Set<String> SCHEMES = Set.of("unix", "tcp", "npipe");
  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

  private final Map<Architecture, EngineEndpoint> configured;
  private final Supplier<EngineEndpoint> fallback;
  private EngineEndpoint defaultEndpoint;

  private ArchitectureEndpoints(
      Map<Architecture, EngineEndpoint> configured, Supplier<EngineEndpoint> fallback) {
    this.configured = configured;
    this.fallback = fallback;
  }

  /**
   * Reads the per-architecture settings.
   *
   * @param properties the project's and the user's properties, where {@code lambda.dockerHost.*}
   *     and the TLS settings are looked up
   * @param dockerHosts the {@code <dockerHosts>} element, architecture to address; may be null
   * @param fallback resolves the default engine, asked at most once and only when needed
   * @throws InvalidConfigurationException naming the setting when one is malformed, conflicts, or
   *     names an architecture by an alias
   */
  public static ArchitectureEndpoints of(
      Map<String, String> properties,
      Map<String, String> dockerHosts,
      Supplier<EngineEndpoint> fallback) {
    Map<Architecture, Host> hosts = new EnumMap<>(Architecture.class);
    Map<Architecture, String> certPaths = new EnumMap<>(Architecture.class);
    Map<Architecture, String> tlsVerify = new EnumMap<>(Architecture.class);
    if (dockerHosts != null) {
      dockerHosts.forEach(
          (key, value) -> {
            String setting = HOSTS_ELEMENT + "<" + key + ">";
            if (!blank(value)) {
              hosts.put(architecture(setting, key, HOSTS_ELEMENT), new Host(value.trim(), setting));
            }
          });
    }
    properties.forEach(
        (key, value) -> {
          if (blank(value)) {
            return;
          }
          if (key.startsWith(HOST_PREFIX)) {
            Architecture architecture = architecture(key, suffix(key, HOST_PREFIX), HOST_PREFIX);
            Host element = hosts.get(architecture);
            if (element != null && !element.address().equals(value.trim())) {
              throw new InvalidConfigurationException(
                  "Two engines for "
                      + architecture
                      + ": "
                      + element.setting()
                      + " is "
                      + element.address()
                      + " but "
                      + key
                      + " is "
                      + value.trim()
                      + ". Keep one of them.");
            }
            hosts.put(architecture, new Host(value.trim(), key));
          } else if (key.startsWith(CERT_PATH_PREFIX)) {
            certPaths.put(
                architecture(key, suffix(key, CERT_PATH_PREFIX), CERT_PATH_PREFIX), value.trim());
          } else if (key.startsWith(TLS_VERIFY_PREFIX)) {
            tlsVerify.put(
                architecture(key, suffix(key, TLS_VERIFY_PREFIX), TLS_VERIFY_PREFIX), value.trim());
          }
        });
    Map<Architecture, EngineEndpoint> configured = new EnumMap<>(Architecture.class);
    for (Architecture architecture : Architecture.values()) {
      Host host = hosts.get(architecture);
      String certPath = certPaths.get(architecture);
      String verify = tlsVerify.get(architecture);
      if (host == null) {
        if (certPath != null || verify != null) {
          throw new InvalidConfigurationException(
              (certPath != null ? CERT_PATH_PREFIX : TLS_VERIFY_PREFIX)
                  + architecture
                  + " is set, but "
                  + architecture
                  + " has no engine of its own: set "
                  + HOST_PREFIX
                  + architecture
                  + " to the engine's address, or remove the TLS setting (the default engine's TLS"
                  + " comes from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH).");
        }
        continue;
      }
      configured.put(
          architecture,
          new EngineEndpoint(
              requireAddress(host), host.setting(), tls(architecture, certPath, verify)));
    }
    return new ArchitectureEndpoints(configured, fallback);
  }

  /**
   * The endpoint of {@code architecture}'s engine.
   *
   * @throws InvalidConfigurationException when its TLS directory lacks a certificate file
   * @throws EngineUnreachableException when the default engine's Docker context cannot be read
   */
  public EngineEndpoint endpoint(Architecture architecture) {
    EngineEndpoint own = configured.get(architecture);
    if (own == null) {
      return defaultEndpoint();
    }
    if (own.tlsVerify()) {
      for (String file : TLS_FILES) {
        if (!Files.isRegularFile(Path.of(own.tlsCertPath(), file))) {
          throw new InvalidConfigurationException(
              CERT_PATH_PREFIX
                  + architecture
                  + "="
                  + own.tlsCertPath()
                  + " has no "
                  + file
                  + ": the directory must hold ca.pem (the CA that signed the engine's"
                  + " certificate), cert.pem and key.pem (this client's certificate and key), as"
                  + " DOCKER_CERT_PATH does.");
        }
      }
    }
    return own;
  }

  /** True when {@code architecture} has an engine of its own. */
  public boolean hasOwnEngine(Architecture architecture) {
    return configured.containsKey(architecture);
  }

  private synchronized EngineEndpoint defaultEndpoint() {
    if (defaultEndpoint == null) {
      defaultEndpoint = fallback.get();
    }
    return defaultEndpoint;
  }

  private static String tls(Architecture architecture, String certPath, String verify) {
    boolean verified = verify == null ? certPath != null : parseBoolean(architecture, verify);
    if (verified && certPath == null) {
      throw new InvalidConfigurationException(
          TLS_VERIFY_PREFIX
              + architecture
              + " is true, but "
              + CERT_PATH_PREFIX
              + architecture
              + " is not set: give the directory with ca.pem, cert.pem and key.pem for "
              + architecture
              + "'s engine.");
    }
    if (!verified && certPath != null) {
      throw new InvalidConfigurationException(
          CERT_PATH_PREFIX
              + architecture
              + " is set, but "
              + TLS_VERIFY_PREFIX
              + architecture
              + " is false: the plugin does not talk TLS without verifying the engine. Remove "
              + TLS_VERIFY_PREFIX
              + architecture
              + " to verify with the certificates of "
              + certPath
              + ".");
    }
    return verified ? Path.of(certPath).toAbsolutePath().toString() : null;
  }

  private static boolean parseBoolean(Architecture architecture, String value) {
    return switch (value) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new InvalidConfigurationException(
              "Invalid "
                  + TLS_VERIFY_PREFIX
                  + architecture
                  + ": '"
                  + value
                  + "'; give true or false.");
    };
  }

  private static String requireAddress(Host configured) {
    String setting = configured.setting();
    String host = configured.address();
    int colon = host.indexOf("://");
    String scheme = colon > 0 ? host.substring(0, colon) : "";
    if (!SCHEMES.contains(scheme)) {
      throw new InvalidConfigurationException(
          "Invalid engine address "
              + setting
              + "="
              + host
              + ": give it as DOCKER_HOST takes it, e.g. tcp://10.0.0.5:2376 (with "
              + CERT_PATH_PREFIX
              + "<arch> for TLS), unix:///var/run/docker.sock or npipe:////./pipe/docker_engine.");
    }
    return host;
  }

  private static Architecture architecture(String setting, String name, String prefix) {
    Architecture architecture;
    try {
      architecture = Architecture.parse(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          "Invalid " + setting + ": " + e.getMessage() + " Name it amd64 or arm64.", e);
    }
    if (!architecture.dockerName().equals(name)) {
      String canonical =
          prefix.equals(HOSTS_ELEMENT)
              ? HOSTS_ELEMENT + "<" + architecture + ">"
              : prefix + architecture;
      throw new InvalidConfigurationException(
          setting
              + " names "
              + architecture
              + " by an alias; per-architecture settings use the names amd64 and arm64: rename"
              + " it "
              + canonical
              + ".");
    }
    return architecture;
  }

  private static String suffix(String key, String prefix) {
    return key.substring(prefix.length());
  }

  /** An engine address and the setting that gave it. */
  private record Host(String address, String setting) {}

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
