package io.github.lambdaimage.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Docker credential helper, {@code docker-credential-<name> get}, per the credential-helper
 * protocol: the server URL on stdin, {@code {"ServerURL", "Username", "Secret"}} on stdout; the
 * user name {@code <token>} marks an identity token.
 */
public final class CredentialHelper {

  /** How long a helper may take by default (it may ask a keychain or a cloud service). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final String PREFIX = "docker-credential-";
  private static final String TOKEN_USER = "<token>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final List<Path> searchPath;
  private final Duration timeout;

  /**
   * A helper.
   *
   * @param name the suffix after {@code docker-credential-}, e.g. {@code ecr-login}
   * @param searchPath the directories searched for the executable, normally {@code PATH}
   * @param timeout how long one {@code get} may take
   */
  public CredentialHelper(String name, List<Path> searchPath, Duration timeout) {
    this.name = name;
    this.searchPath = List.copyOf(searchPath);
    this.timeout = timeout;
  }

  /** The executable's name, e.g. {@code docker-credential-ecr-login}. */
  public String executableName() {
    return PREFIX + name;
  }

  /**
   * Asks the helper for {@code serverUrl}'s credentials.
   *
   * @param source how the helper was configured, used in the credentials' source and in errors
   * @return empty when the helper has none for that server
   * @throws InvalidConfigurationException when the helper is not installed
   * @throws EnvironmentException when it fails, times out or answers something else
   */
  public Optional<RegistryCredentials> get(String serverUrl, String source) {
    Path executable = find(source);
    Process process = start(executable, source);
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The helper may exit before reading stdin; its exit code and output tell why.
    }
    int exitCode = await(process, source);
    String output = stdout.join().strip();
    if (exitCode != 0) {
      String message = (output + " " + stderr.join().strip()).strip();
      if (message.contains("credentials not found")) {
        return Optional.empty();
      }
      throw failure(source, "exited with code " + exitCode + ": " + message);
    }
    return Optional.of(parse(output, source));
  }

  private Path find(String source) {
    for (Path directory : searchPath) {
      Path candidate = directory.resolve(executableName());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new InvalidConfigurationException(
        source
            + " names the credential helper '"
            + name
            + "', but "
            + executableName()
            + " is not on the PATH ("
            + searchPath
            + "). Install it, or remove that entry from the Docker configuration.");
  }

  private Process start(Path executable, String source) {
    try {
      return new ProcessBuilder(executable.toString(), "get").start();
    } catch (IOException e) {
      throw failure(source, "could not be started: " + e.getMessage());
    }
  }

  private int await(Process process, String source) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw failure(source, "did not answer within " + timeout.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while running " + executableName() + ".", e);
    }
  }

  private RegistryCredentials parse(String output, String source) {
    JsonNode json;
    try {
      json = JSON.readTree(output);
    } catch (IOException e) {
      throw failure(source, "answered something that is not JSON");
    }
    String username = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (secret.isEmpty()) {
      throw failure(source, "answered without a Secret");
    }
    String described = executableName() + " (" + source + ")";
    return TOKEN_USER.equals(username)
        ? RegistryCredentials.identityToken(secret, described)
        : RegistryCredentials.basic(username, secret, described);
  }

  private EnvironmentException failure(String source, String what) {
    return new EnvironmentException(
        "Credential helper "
            + executableName()
            + " ("
            + source
            + ") "
            + what
            + ". Run '"
            + executableName()
            + " get' by hand to see why, or log in again with 'docker login'.");
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (InputStream in = stream) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
