package io.github.lambdaimage.docker;

import io.github.lambdaimage.digest.Sha256;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.process.HostSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the Docker Engine the way the {@code docker} CLI does: {@code DOCKER_HOST}, else the
 * context named by {@code DOCKER_CONTEXT}, else the {@code currentContext} of {@code
 * $DOCKER_CONFIG/config.json} (default {@code ~/.docker}), else the default endpoint: the socket
 * {@value #DEFAULT_HOST}, on Windows the named pipe {@value #WINDOWS_DEFAULT_HOST}.
 *
 * <p>The environment, the home directory and the operating system are injected, so the order is
 * testable without touching the real environment.
 */
public final class EngineEndpointResolver {

  /** The engine address used when nothing else is configured. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** The engine address on Windows when nothing else is configured (Docker Desktop's pipe). */
  public static final String WINDOWS_DEFAULT_HOST = "npipe:////./pipe/docker_engine";

  private final Function<String, String> environment;
  private final Path home;
  private final boolean windows;

  /**
   * A resolver for this operating system.
   *
   * @param environment looks up an environment variable, {@code null} when unset
   * @param home the user's home directory, where {@code .docker} lives by default
   */
  public EngineEndpointResolver(Function<String, String> environment, Path home) {
    this(environment, home, HostSystem.current().windows());
  }

  /**
   * @param environment looks up an environment variable, {@code null} when unset
   * @param home the user's home directory, where {@code .docker} lives by default
   * @param windows whether the default endpoint is Windows' named pipe
   */
  public EngineEndpointResolver(Function<String, String> environment, Path home, boolean windows) {
    this.environment = environment;
    this.home = home;
    this.windows = windows;
  }

  /** A resolver over the real process environment, {@code user.home} and operating system. */
  public static EngineEndpointResolver fromSystem() {
    return new EngineEndpointResolver(System::getenv, Path.of(System.getProperty("user.home")));
  }

  /** The endpoint used when nothing is configured, for this operating system. */
  public String defaultHost() {
    return windows ? WINDOWS_DEFAULT_HOST : DEFAULT_HOST;
  }

  /**
   * Resolves the endpoint.
   *
   * @throws EngineUnreachableException when a named context does not exist or cannot be read
   */
  public EngineEndpoint resolve() {
    String dockerHost = variable("DOCKER_HOST");
    if (dockerHost != null) {
      return new EngineEndpoint(dockerHost, "DOCKER_HOST", tlsFromEnvironment());
    }
    String context = variable("DOCKER_CONTEXT");
    if (context != null) {
      return fromContext(context, "from DOCKER_CONTEXT");
    }
    String current = currentContext();
    if (current != null) {
      return fromContext(current, "the current context in " + configFile());
    }
    return new EngineEndpoint(defaultHost(), defaultSource(), null);
  }

  private EngineEndpoint fromContext(String name, String origin) {
    if (name.equals("default")) {
      return new EngineEndpoint(
          defaultHost(), defaultSource() + " (Docker context 'default', " + origin + ")", null);
    }
    String source = "Docker context '" + name + "' (" + origin + ")";
    String id = Sha256.hex(name);
    Path meta = configDirectory().resolve("contexts").resolve("meta").resolve(id);
    Path metaFile = meta.resolve("meta.json");
    String host;
    boolean skipTlsVerify;
    try {
      Map<String, Object> docker =
          JsonText.object(JsonText.object(readJson(metaFile, source), "Endpoints"), "docker");
      host = JsonText.string(docker, "Host");
      skipTlsVerify = Boolean.TRUE.equals(docker.get("SkipTLSVerify"));
    } catch (IOException e) {
      throw unreadable(metaFile, source, e);
    }
    if (host == null || host.isBlank()) {
      throw new EngineUnreachableException(
          source
              + " has no Docker endpoint in "
              + metaFile
              + ". Check it with `docker context inspect "
              + name
              + "`, or set DOCKER_HOST.",
          null);
    }
    Path tls = configDirectory().resolve("contexts").resolve("tls").resolve(id).resolve("docker");
    boolean verify = !skipTlsVerify && Files.isDirectory(tls);
    return new EngineEndpoint(host, source, verify ? tls.toString() : null);
  }

  private String defaultSource() {
    return windows ? "the default named pipe" : "the default socket";
  }

  private String currentContext() {
    Path config = configFile();
    if (!Files.isRegularFile(config)) {
      return null;
    }
    String what = "Docker configuration";
    String name;
    try {
      name = JsonText.string(readJson(config, what), "currentContext");
    } catch (IOException e) {
      throw unreadable(config, what, e);
    }
    return name == null || name.isBlank() ? null : name;
  }

  private static Map<String, Object> readJson(Path file, String what) {
    try {
      return JsonText.readFile(file);
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
  }

  private static EngineUnreachableException unreadable(Path file, String what, IOException e) {
    return new EngineUnreachableException(
        "Cannot read "
            + what
            + " at "
            + file
            + ": "
            + e.getMessage()
            + ". List the contexts with `docker context ls`, switch with `docker context use"
            + " <name>`, or set DOCKER_HOST.",
        e);
  }

  private String tlsFromEnvironment() {
    String verify = variable("DOCKER_TLS_VERIFY");
    if (verify == null || verify.equals("0") || verify.equalsIgnoreCase("false")) {
      return null;
    }
    String certPath = variable("DOCKER_CERT_PATH");
    return certPath != null ? certPath : configDirectory().toString();
  }

  private Path configFile() {
    return configDirectory().resolve("config.json");
  }

  private Path configDirectory() {
    String configured = variable("DOCKER_CONFIG");
    return configured != null ? Path.of(configured) : home.resolve(".docker");
  }

  private String variable(String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
