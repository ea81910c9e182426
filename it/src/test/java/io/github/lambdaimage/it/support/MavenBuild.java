package io.github.lambdaimage.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Maven build of a copy of one of the project's modules, run in a separate process by the
 * same Maven that runs the tests, against a local repository holding this reactor's artifacts
 * ({@code target/it-repo}, filled by {@code invoker:install}), reading everything else from the
 * user's local repository first and from Maven Central only for what that lacks.
 */
public final class MavenBuild {

  private final Path projectDirectory;
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> servers = new ArrayList<>();
  private boolean wrapper;

  private MavenBuild(Path projectDirectory) {
    this.projectDirectory = projectDirectory;
  }

  /** The result of a build: exit code and the whole log. */
  public record Result(int exitCode, String log, Path projectDirectory) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Skips a copied module's own unit and integration tests but not the image goals: {@code
   * -DskipTests} would also skip {@code lambda-image:invoke}, as Maven users expect.
   */
  public static final String[] WITHOUT_MODULE_TESTS = {
    "-Dtest=none", "-Dsurefire.failIfNoSpecifiedTests=false", "-DskipITs"
  };

  /**
   * Copies the repository's module {@code module} (its {@code pom.xml} and {@code src}) to {@code
   * target/it-projects/<name>/<module>} and returns a build of that copy. A fresh copy each call.
   */
  public static MavenBuild ofModuleCopy(String module, String name) {
    Path target = workDirectory().resolve(name).resolve(module);
    deleteRecursively(target);
    copyRecursively(repositoryRoot().resolve(module).resolve("pom.xml"), target.resolve("pom.xml"));
    copyRecursively(repositoryRoot().resolve(module).resolve("src"), target.resolve("src"));
    return new MavenBuild(target);
  }

  /**
   * Copies the test project {@code it/src/test/projects/<project>} to {@code
   * target/it-projects/<name>/<project>} and returns a build of that copy. A fresh copy each call.
   */
  public static MavenBuild ofTestProject(String project, String name) {
    Path target = workDirectory().resolve(name).resolve(project);
    deleteRecursively(target);
    copyRecursively(repositoryRoot().resolve("it/src/test/projects").resolve(project), target);
    return new MavenBuild(target);
  }

  /** The version of this reactor's artifacts, for test projects that depend on them. */
  public static String projectVersion() {
    return required("it.projectVersion");
  }

  /** A build of an existing directory (e.g. a module copied earlier). */
  public static MavenBuild of(Path projectDirectory) {
    return new MavenBuild(projectDirectory);
  }

  /** Adds command line arguments (goals, {@code -D} properties, options). */
  public MavenBuild args(String... more) {
    arguments.addAll(List.of(more));
    return this;
  }

  /**
   * Sets an environment variable of the Maven process (e.g. {@code DOCKER_HOST}); {@code null}
   * removes it.
   */
  public MavenBuild env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Adds a {@code <server>} to the build's settings.xml; the password is written as given, so an
   * encrypted one ({@code {...}}) is decrypted by Maven.
   */
  public MavenBuild server(String id, String username, String password) {
    servers.add(
        "    <server>\n      <id>"
            + id
            + "</id>\n      <username>"
            + username
            + "</username>\n      <password>"
            + password
            + "</password>\n    </server>\n");
    return this;
  }

  /**
   * Runs the project's own Maven Wrapper ({@code ./mvnw}) instead of the Maven that runs the tests,
   * as a user of a generated project would.
   */
  public MavenBuild withWrapper() {
    wrapper = true;
    return this;
  }

  /** The copied project's directory. */
  public Path projectDirectory() {
    return projectDirectory;
  }

  /** Runs the build and waits for it (at most 20 minutes). */
  public Result run() {
    return start().await(Duration.ofMinutes(20));
  }

  /** Starts the build in its own process and returns at once; its log goes to {@code build.log}. */
  public Running start() {
    Path settings = writeSettings();
    List<String> command = new ArrayList<>();
    command.add(
        wrapper
            ? projectDirectory.resolve("mvnw").toString()
            : mavenHome().resolve("bin/mvn").toString());
    command.addAll(
        List.of(
            "-B",
            "-e",
            "--no-transfer-progress",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + localRepository(),
            "-Dlambda.test.baseImage=" + TestRegistry.baseImage()));
    command.addAll(arguments);
    ProcessBuilder process =
        new ProcessBuilder(command).directory(projectDirectory.toFile()).redirectErrorStream(true);
    process.environment().remove("MAVEN_OPTS");
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            process.environment().remove(name);
          } else {
            process.environment().put(name, value);
          }
        });
    Path logFile = projectDirectory.resolve("build.log");
    process.redirectOutput(logFile.toFile());
    try {
      return new Running(process.start(), logFile, projectDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A started build. Maven's launcher script replaces itself with the JVM, so {@link #pid()} is the
   * JVM's and a signal sent to it reaches Maven as a user's Ctrl-C ({@code INT}) would.
   */
  public static final class Running {
    private final Process process;
    private final Path logFile;
    private final Path projectDirectory;

    private Running(Process process, Path logFile, Path projectDirectory) {
      this.process = process;
      this.logFile = logFile;
      this.projectDirectory = projectDirectory;
    }

    /** The Maven JVM's process id. */
    public long pid() {
      return process.pid();
    }

    /** The log so far. */
    public String log() {
      try {
        return Files.readString(logFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Waits until a line of the log contains {@code text}.
     *
     * @throws IllegalStateException when the build ends or {@code limit} passes first
     */
    public void awaitLogLine(String text, Duration limit) {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (log().contains(text)) {
          return;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The build ended before its log showed '" + text + "':\n" + log());
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException(
          "No '" + text + "' in the log after " + limit + ":\n" + log());
    }

    /** Sends {@code signal} ({@code INT}, {@code KILL}, ...) to the Maven JVM. */
    public void signal(String signal) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
        if (kill.waitFor() != 0) {
          throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Waits for the build to end (killing it after {@code limit}) and returns its result. */
    public Result await(Duration limit) {
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("Maven build in " + projectDirectory + " timed out");
        }
        return new Result(process.exitValue(), log(), projectDirectory);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while running Maven", e);
      }
    }
  }

  /**
   * Settings that read the user's local repository as a remote one, ahead of Maven Central: what
   * the outer build already downloaded needs no network, and what it never resolved (the install
   * and deploy plugins, which {@code verify} does not run) still comes from Central on a fresh
   * machine.
   */
  private Path writeSettings() {
    String userRepository = Paths.get(required("it.userLocalRepository")).toUri().toString();
    String repository =
        "        <id>users-local-repository</id>\n"
            + "        <url>"
            + userRepository
            + "</url>\n"
            + "        <snapshots><enabled>false</enabled></snapshots>\n";
    String settings =
        "<settings>\n"
            + "  <profiles>\n"
            + "    <profile>\n"
            + "      <id>users-local-repository</id>\n"
            + "      <repositories>\n"
            + "        <repository>\n"
            + repository
            + "        </repository>\n"
            + "      </repositories>\n"
            + "      <pluginRepositories>\n"
            + "        <pluginRepository>\n"
            + repository
            + "        </pluginRepository>\n"
            + "      </pluginRepositories>\n"
            + "    </profile>\n"
            + "  </profiles>\n"
            + "  <activeProfiles>\n"
            + "    <activeProfile>users-local-repository</activeProfile>\n"
            + "  </activeProfiles>\n"
            + "  <servers>\n"
            + String.join("", servers)
            + "  </servers>\n"
            + "</settings>\n";
    Path file = projectDirectory.resolveSibling("it-settings.xml");
    try {
      Files.writeString(file, settings, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static Path repositoryRoot() {
    return Paths.get(required("it.repositoryRoot")).normalize();
  }

  static Path workDirectory() {
    return Paths.get(required("it.workDirectory"));
  }

  private static Path localRepository() {
    return Paths.get(required("it.localRepository"));
  }

  private static Path mavenHome() {
    return Paths.get(required("maven.home"));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "System property " + property + " is not set; run the tests through ./mvnw verify");
    }
    return value;
  }

  private static void copyRecursively(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
