package io.github.lambdaimage.cdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.Directories;
import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.process.ErrorLines;
import io.github.lambdaimage.cdk.process.ToolProcess;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.process.HostSystem;
import io.github.lambdaimage.process.ProcessResult;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS CDK CLI of one version (npm package {@code aws-cdk}), installed once with npm into {@code
 * <cache>/aws-cdk-<version>} and run with the checked Node.js. The install goes to a temporary
 * directory renamed into place, so concurrent builds never see half an install.
 */
public final class CliInstallation {

  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+[0-9A-Za-z.+-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeRuntime node;
  private final String npm;
  private final Path cacheDirectory;
  private final BuildLog log;
  private final Duration npmLimit;

  /**
   * @param node the Node.js that runs the CLI
   * @param npm the npm command that installs it ({@code npm.cmd} found through {@code PATHEXT} on
   *     Windows)
   * @param cacheDirectory where versions are installed
   * @param log where npm's output goes
   * @param npmLimit how long the install may take ({@value PropertyNames#NPM_TIMEOUT})
   */
  public CliInstallation(
      NodeRuntime node, String npm, Path cacheDirectory, BuildLog log, Duration npmLimit) {
    this.node = node;
    this.npm = HostSystem.current().command(npm);
    this.cacheDirectory = cacheDirectory;
    this.log = log;
    this.npmLimit = npmLimit;
  }

  /** The directory holding {@code version}. */
  public Path directory(String version) {
    return cacheDirectory.resolve("aws-cdk-" + version);
  }

  /**
   * The CLI of {@code version}, installed first if needed, after checking Node.js against the CLI's
   * {@code engines.node}.
   *
   * @throws CdkException (configuration) for a malformed version, (environment) when npm fails or
   *     Node.js is too old
   */
  public CdkCli resolve(String version) {
    if (!VERSION.matcher(version).matches()) {
      throw new CdkException(
          Kind.CONFIGURATION,
          "AWS CDK CLI version '"
              + version
              + "' is not a version number such as 2.1148.1; check -D"
              + PropertyNames.CLI_VERSION
              + ".");
    }
    Path packageDirectory = directory(version).resolve("node_modules").resolve("aws-cdk");
    if (!Files.isRegularFile(packageDirectory.resolve("package.json"))) {
      install(version);
    }
    JsonNode packageJson = readJson(packageDirectory.resolve("package.json"));
    String description = "aws-cdk " + version;
    String engines = packageJson.path("engines").path("node").asText("");
    NodeVersionRange.parse(engines)
        .ifPresentOrElse(
            range -> node.require(range, description),
            () -> log.warn(description + " declares engines.node '" + engines + "'; not checked."));
    String bin = packageJson.path("bin").path("cdk").asText("bin/cdk");
    return new CdkCli(
        List.of(node.executable(), packageDirectory.resolve(bin).toString()), description);
  }

  private void install(String version) {
    Path target = directory(version);
    log.info("Installing aws-cdk@" + version + " into " + target + " (once per version)");
    Path temporary;
    try {
      Files.createDirectories(cacheDirectory);
      temporary = Files.createTempDirectory(cacheDirectory, "aws-cdk-" + version + ".installing-");
    } catch (IOException e) {
      throw new CdkException(
          Kind.ENVIRONMENT,
          "Cannot create the CLI directory "
              + cacheDirectory
              + ": "
              + e.getMessage()
              + "; choose another with -D"
              + PropertyNames.CLI_DIRECTORY
              + ".",
          e);
    }
    try {
      runNpm(version, temporary);
      moveIntoPlace(temporary, target);
    } finally {
      try {
        Directories.deleteRecursively(temporary);
      } catch (IOException e) {
        log.warn("Cannot delete " + temporary + ": " + e.getMessage());
      }
    }
  }

  private void runNpm(String version, Path prefix) {
    List<String> command =
        List.of(
            npm,
            "install",
            "--prefix",
            prefix.toString(),
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--no-package-lock",
            "--loglevel=error",
            "aws-cdk@" + version);
    ProcessResult result =
        new ToolProcess("npm install aws-cdk@" + version, npmLimit, PropertyNames.NPM_TIMEOUT)
            .run(
                command,
                cacheDirectory,
                Map.of(),
                log::info,
                e ->
                    "npm not found: running '"
                        + npm
                        + "' failed ("
                        + e.getMessage()
                        + "). Install npm (it comes with Node.js), give it with -D"
                        + PropertyNames.NPM
                        + ", or give an installed CLI with -D"
                        + PropertyNames.EXECUTABLE
                        + "=/path/to/cdk.");
    if (!result.succeeded()) {
      throw new CdkException(
          Kind.ENVIRONMENT,
          "npm could not install aws-cdk@"
              + version
              + " (exit "
              + result.exitCode()
              + "):\n  "
              + String.join("\n  ", ErrorLines.of(result))
              + "\nCheck that the npm registry is reachable (npm config get registry) and the"
              + " version exists (npm view aws-cdk@"
              + version
              + "), or give an installed CLI with -D"
              + PropertyNames.EXECUTABLE
              + ".");
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException installedMeanwhile) {
      // another build installed the same version first; use that one
    } catch (IOException e) {
      throw new CdkException(
          Kind.ENVIRONMENT, "Cannot move the CLI into " + target + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new CdkException(
          Kind.ENVIRONMENT,
          "Cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); delete "
              + file.getParent().getParent().getParent()
              + " to reinstall the CLI.",
          e);
    }
  }
}
