package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from the Docker CLI's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}), looked up as the CLI does: a {@code credHelpers} entry for the
 * registry, else the {@code credsStore}, else the {@code auths} entry ({@code auth} as base64
 * {@code user:password}, or {@code username}/{@code password}, or {@code identitytoken}). When a
 * helper has nothing for the registry, the {@code auths} entry is still consulted.
 */
public final class DockerConfigCredentials implements RegistryCredentialProvider {

  /** The key Docker uses for Docker Hub in {@code auths} and with credential helpers. */
  public static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final Path configFile;
  private final List<Path> helperPath;
  private final Duration helperTimeout;

  /**
   * Credentials from {@code configFile}.
   *
   * @param helperPath directories searched for {@code docker-credential-*} executables
   * @param helperTimeout how long one helper call may take
   */
  public DockerConfigCredentials(Path configFile, List<Path> helperPath, Duration helperTimeout) {
    this.configFile = configFile;
    this.helperPath = List.copyOf(helperPath);
    this.helperTimeout = helperTimeout;
  }

  /**
   * The configuration the Docker CLI would use: {@code DOCKER_CONFIG} or {@code ~/.docker}, with
   * helpers searched on {@code PATH}.
   *
   * @param environment the process environment, e.g. {@code System.getenv()}
   * @param home the user's home directory
   */
  public static DockerConfigCredentials fromEnvironment(
      Map<String, String> environment, Path home) {
    String dockerConfig = environment.get("DOCKER_CONFIG");
    Path directory =
        dockerConfig == null || dockerConfig.isBlank()
            ? home.resolve(".docker")
            : Path.of(dockerConfig);
    String path = environment.getOrDefault("PATH", "");
    List<Path> helperPath =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(Path::of)
            .toList();
    return new DockerConfigCredentials(
        directory.resolve("config.json"),
        helperPath,
        CredentialHelper.configuredTimeout(System::getProperty));
  }

  @Override
  public Optional<RegistryCredentials> credentialsFor(String registry) {
    Optional<Config> config = read();
    if (config.isEmpty()) {
      return Optional.empty();
    }
    String serverUrl = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : registry;
    Optional<RegistryCredentials> fromHelper = fromHelper(config.get(), registry, serverUrl);
    return fromHelper.isPresent() ? fromHelper : fromAuths(config.get(), registry);
  }

  @Override
  public String searchedSources(String registry) {
    return configFile + " (credHelpers, credsStore, auths)";
  }

  private Optional<RegistryCredentials> fromHelper(
      Config config, String registry, String serverUrl) {
    String helper = "";
    String source = null;
    for (Map.Entry<String, Object> entry : config.credHelpers().entrySet()) {
      if (helper.isEmpty() && hostOf(entry.getKey()).equals(hostOf(registry))) {
        helper = text(entry.getValue());
        source = configFile + " credHelpers['" + entry.getKey() + "']";
      }
    }
    if (helper.isEmpty()) {
      helper = config.credsStore();
      source = configFile + " credsStore";
    }
    if (helper.isEmpty()) {
      return Optional.empty();
    }
    return new CredentialHelper(helper, helperPath, helperTimeout).get(serverUrl, source);
  }

  private Optional<RegistryCredentials> fromAuths(Config config, String registry) {
    for (Map.Entry<String, Map<String, Object>> entry : config.auths().entrySet()) {
      if (hostOf(entry.getKey()).equals(hostOf(registry))) {
        Optional<RegistryCredentials> found = fromAuthEntry(entry.getKey(), entry.getValue());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<RegistryCredentials> fromAuthEntry(String key, Map<String, Object> entry) {
    String source = configFile + " auths['" + key + "']";
    String identityToken = text(entry.get("identitytoken"));
    if (!identityToken.isEmpty()) {
      return Optional.of(RegistryCredentials.identityToken(identityToken, source));
    }
    String auth = text(entry.get("auth"));
    if (!auth.isEmpty()) {
      return Optional.of(decodeAuth(auth, source));
    }
    String username = text(entry.get("username"));
    String password = text(entry.get("password"));
    return username.isEmpty()
        ? Optional.empty()
        : Optional.of(RegistryCredentials.basic(username, password, source));
  }

  /**
   * Decodes an {@code auth} value, base64 of {@code user:password}.
   *
   * @throws InvalidConfigurationException naming the entry when it is not that
   */
  static RegistryCredentials decodeAuth(String auth, String source) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          source + " has an 'auth' value that is not base64; run 'docker login' again.", e);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new InvalidConfigurationException(
          source + " has an 'auth' value that is not user:password; run 'docker login' again.");
    }
    return RegistryCredentials.basic(
        decoded.substring(0, colon), decoded.substring(colon + 1), source);
  }

  /**
   * The host of an {@code auths} key or registry, as the Docker CLI compares them: without scheme
   * and path, with Docker Hub's aliases folded into {@code docker.io}.
   */
  static String hostOf(String keyOrRegistry) {
    String host = keyOrRegistry.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    host = slash < 0 ? host : host.substring(0, slash);
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io" -> ImageReference.DOCKER_HUB;
      default -> host;
    };
  }

  /** A JSON value as text, {@code ""} when missing, as the Docker CLI treats an absent value. */
  static String text(Object value) {
    return Objects.requireNonNullElse(JsonText.text(value), "");
  }

  /** The parts of {@code config.json} that name credentials. */
  private record Config(
      Map<String, Object> credHelpers, String credsStore, Map<String, Map<String, Object>> auths) {}

  private Optional<Config> read() {
    if (!Files.isRegularFile(configFile)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> json = JsonText.readFile(configFile);
      Map<String, Map<String, Object>> auths = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : JsonText.object(json, "auths").entrySet()) {
        auths.put(
            entry.getKey(), JsonText.asObject(entry.getValue(), "auths['" + entry.getKey() + "']"));
      }
      return Optional.of(
          new Config(JsonText.object(json, "credHelpers"), text(json.get("credsStore")), auths));
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "Cannot read the Docker configuration "
              + configFile
              + ": "
              + e.getMessage()
              + ". Fix or remove the file, or point DOCKER_CONFIG at another directory.",
          e);
    }
  }
}
