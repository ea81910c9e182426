package io.github.lambdaimage.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.errors.InvalidConfigurationException;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
    Optional<JsonNode> config = read();
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
      JsonNode config, String registry, String serverUrl) {
    String helper = "";
    String source = null;
    Iterator<Map.Entry<String, JsonNode>> helpers = config.path("credHelpers").fields();
    while (helpers.hasNext() && helper.isEmpty()) {
      Map.Entry<String, JsonNode> entry = helpers.next();
      if (hostOf(entry.getKey()).equals(hostOf(registry))) {
        helper = entry.getValue().asText("");
        source = configFile + " credHelpers['" + entry.getKey() + "']";
      }
    }
    if (helper.isEmpty()) {
      helper = config.path("credsStore").asText("");
      source = configFile + " credsStore";
    }
    if (helper.isEmpty()) {
      return Optional.empty();
    }
    return new CredentialHelper(helper, helperPath, helperTimeout).get(serverUrl, source);
  }

  private Optional<RegistryCredentials> fromAuths(JsonNode config, String registry) {
    Iterator<Map.Entry<String, JsonNode>> entries = config.path("auths").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (hostOf(entry.getKey()).equals(hostOf(registry))) {
        Optional<RegistryCredentials> found = fromAuthEntry(entry.getKey(), entry.getValue());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<RegistryCredentials> fromAuthEntry(String key, JsonNode entry) {
    String source = configFile + " auths['" + key + "']";
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(RegistryCredentials.identityToken(identityToken, source));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      return Optional.of(decodeAuth(auth, source));
    }
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
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

  private Optional<JsonNode> read() {
    if (!Files.isRegularFile(configFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(Files.readString(configFile, StandardCharsets.UTF_8)));
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
