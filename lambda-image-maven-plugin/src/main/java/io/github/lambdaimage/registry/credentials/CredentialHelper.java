package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.process.BoundedProcess;
import io.github.lambdaimage.process.HostSystem;
import io.github.lambdaimage.process.ProcessResult;
import io.github.lambdaimage.process.ProcessTimeoutException;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a Docker credential helper, {@code docker-credential-<name> get}, per the credential-helper
 * protocol: the server URL on stdin, {@code {"ServerURL", "Username", "Secret"}} on stdout; the
 * user name {@code <token>} marks an identity token. On Windows the helper is found through {@code
 * PATHEXT} ({@code .exe}, {@code .cmd}, {@code .bat}). A helper past its time limit is killed with
 * its children. A failure quotes at most {@value #QUOTED_CHARACTERS} characters of one line of its
 * output, and none when that line may hold a credential.
 */
public final class CredentialHelper {

  /** How long a helper may take by default (it may ask a keychain or a cloud service). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The Maven command-line property ({@code -D}, a system property of the Maven JVM) with the
   * seconds one helper call may take.
   */
  public static final String TIMEOUT_PROPERTY = "lambda.credentialHelperTimeout";

  /** At most this many characters of a failing helper's output go into the message. */
  public static final int QUOTED_CHARACTERS = 200;

  private static final String PREFIX = "docker-credential-";
  private static final String TOKEN_USER = "<token>";
  private static final Pattern MAY_HOLD_CREDENTIALS =
      Pattern.compile(
          "[{}]|secret|password|token|username|bearer|basic ", Pattern.CASE_INSENSITIVE);

  private final String name;
  private final HostSystem system;
  private final Duration timeout;

  /**
   * A helper searched on {@code searchPath} the way this operating system finds programs.
   *
   * @param name the suffix after {@code docker-credential-}, e.g. {@code ecr-login}
   * @param searchPath the directories searched for the executable, normally {@code PATH}
   * @param timeout how long one {@code get} may take
   */
  public CredentialHelper(String name, List<Path> searchPath, Duration timeout) {
    this(name, withPath(HostSystem.current(), searchPath), timeout);
  }

  /**
   * A helper found through {@code system} (its search path and, on Windows, {@code PATHEXT}).
   *
   * @param name the suffix after {@code docker-credential-}
   * @param system how programs are found
   * @param timeout how long one {@code get} may take
   */
  public CredentialHelper(String name, HostSystem system, Duration timeout) {
    this.name = name;
    this.system = system;
    this.timeout = timeout;
  }

  /**
   * The configured helper time limit: {@value #TIMEOUT_PROPERTY} in seconds, else {@link
   * #DEFAULT_TIMEOUT}.
   *
   * @param properties looks up a system property, {@code null} when unset
   * @throws InvalidConfigurationException for a value that is not a positive number of seconds
   */
  public static Duration configuredTimeout(Function<String, String> properties) {
    String value = properties.apply(TIMEOUT_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidConfigurationException(
        "-D" + TIMEOUT_PROPERTY + "=" + value + " is not a positive number of seconds.");
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
    ProcessResult result = run(executable, serverUrl, source);
    String output = String.join("\n", result.stdout()).strip();
    if (!result.succeeded()) {
      String message = (output + "\n" + String.join("\n", result.stderr())).strip();
      if (message.contains("credentials not found")) {
        return Optional.empty();
      }
      throw failure(source, "exited with code " + result.exitCode() + quote(message));
    }
    return Optional.of(parse(output, source));
  }

  /**
   * At most {@value #QUOTED_CHARACTERS} characters of the first line of {@code output}, after
   * {@code ": "}; nothing but a note when that line may hold a credential, nothing when empty.
   */
  static String quote(String output) {
    String line = output.strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      return "";
    }
    if (MAY_HOLD_CREDENTIALS.matcher(line).find()) {
      return " (its output is not quoted: it may hold a credential)";
    }
    return ": "
        + (line.length() > QUOTED_CHARACTERS ? line.substring(0, QUOTED_CHARACTERS) + "..." : line);
  }

  private Path find(String source) {
    return system
        .find(executableName())
        .orElseThrow(
            () ->
                new InvalidConfigurationException(
                    source
                        + " names the credential helper '"
                        + name
                        + "', but "
                        + executableName()
                        + " is not on the PATH ("
                        + system.path()
                        + "). Install it, or remove that entry from the Docker configuration."));
  }

  private ProcessResult run(Path executable, String serverUrl, String source) {
    BoundedProcess process =
        new BoundedProcess(
                "Credential helper " + executableName() + " (" + source + ")",
                timeout,
                "-D" + TIMEOUT_PROPERTY + "=<seconds>")
            .withInput(serverUrl.getBytes(StandardCharsets.UTF_8));
    try {
      return process.run(
          List.of(executable.toString(), "get"), Path.of("").toAbsolutePath(), Map.of());
    } catch (IOException e) {
      throw failure(source, "could not be started: " + e.getMessage());
    } catch (ProcessTimeoutException e) {
      throw new EnvironmentException(
          e.getMessage()
              + " Run '"
              + executableName()
              + " get' by hand to see why, or log in again with 'docker login'.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("Interrupted while running " + executableName() + ".", e);
    }
  }

  private RegistryCredentials parse(String output, String source) {
    Map<String, Object> json;
    try {
      json = JsonText.readObject(output);
    } catch (IOException e) {
      throw failure(source, "answered something that is not JSON");
    }
    String username = DockerConfigCredentials.text(json.get("Username"));
    String secret = DockerConfigCredentials.text(json.get("Secret"));
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

  private static HostSystem withPath(HostSystem system, List<Path> searchPath) {
    return new HostSystem(system.windows(), searchPath, system.extensions());
  }
}
