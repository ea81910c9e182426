package io.github.lambdaimage.cdk.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.Directories;
import io.github.lambdaimage.cdk.PropertyNames;
import io.github.lambdaimage.cdk.process.ErrorLines;
import io.github.lambdaimage.cdk.process.ToolProcess;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.process.ProcessResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthesizes a Java CDK app the way the CDK CLI would run it, but in a JVM forked by the build:
 * {@code java -cp <classpath> <mainClass>} with {@code CDK_OUTDIR} and {@code CDK_CONTEXT_JSON}
 * set, so the app's {@code new App()} picks both up. No Docker, no AWS calls.
 */
public final class AppSynthesizer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BuildLog log;

  /** A synthesizer streaming the app's output to {@code log}. */
  public AppSynthesizer(BuildLog log) {
    this.log = log;
  }

  /**
   * Runs the app and reads the assembly it wrote.
   *
   * @throws CdkException (configuration) without a main class, (tool failed) when the app fails or
   *     writes no assembly, (environment) when the JVM cannot start
   */
  public CloudAssemblySummary synthesize(SynthRequest request) {
    if (request.mainClass() == null || request.mainClass().isBlank()) {
      throw new CdkException(
          Kind.CONFIGURATION,
          "No CDK app main class: set <mainClass> in the cdk-maven-plugin's configuration or -D"
              + PropertyNames.MAIN_CLASS
              + "=<class>.");
    }
    prepareDirectories(request.outputDirectory(), request.temporaryDirectory());
    log.info(
        "Synthesizing "
            + request.mainClass()
            + " into "
            + request.outputDirectory()
            + (request.context().isEmpty()
                ? ""
                : " with context " + new TreeMap<>(request.context())));
    ProcessResult result = run(request);
    if (!result.succeeded()) {
      throw new CdkException(
          Kind.TOOL_FAILED,
          "The CDK app "
              + request.mainClass()
              + " failed (exit "
              + result.exitCode()
              + "):\n  "
              + String.join("\n  ", ErrorLines.of(result)));
    }
    if (!Files.isRegularFile(request.outputDirectory().resolve(CloudAssemblySummary.MANIFEST))) {
      throw new CdkException(
          Kind.TOOL_FAILED,
          "The CDK app "
              + request.mainClass()
              + " ended without writing a cloud assembly to "
              + request.outputDirectory()
              + "; its main method must call app.synth().");
    }
    return CloudAssemblySummary.read(request.outputDirectory());
  }

  /** The command that runs the app. */
  static List<String> command(SynthRequest request) {
    return List.of(
        request.javaExecutable(),
        "-Djava.io.tmpdir=" + request.temporaryDirectory().toAbsolutePath(),
        "-cp",
        String.join(File.pathSeparator, request.classpath()),
        request.mainClass());
  }

  /** The environment the app gets on top of the build's. */
  static Map<String, String> environment(SynthRequest request) {
    try {
      return Map.of(
          "CDK_OUTDIR", request.outputDirectory().toAbsolutePath().toString(),
          "CDK_CONTEXT_JSON", JSON.writeValueAsString(new TreeMap<>(request.context())),
          "JSII_NODE", request.nodeExecutable());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the context " + request.context(), e);
    }
  }

  private ProcessResult run(SynthRequest request) {
    return new ToolProcess(
            "The CDK app " + request.mainClass() + " (synthesis JVM)",
            request.limit(),
            PropertyNames.SYNTH_TIMEOUT)
        .run(
            command(request),
            request.workingDirectory(),
            environment(request),
            log::info,
            e -> "Cannot start " + request.javaExecutable() + " to synthesize: " + e.getMessage());
  }

  private static void prepareDirectories(Path directory, Path temporaryDirectory) {
    try {
      Directories.deleteRecursively(directory);
      Files.createDirectories(directory);
      Files.createDirectories(temporaryDirectory);
    } catch (IOException e) {
      throw new CdkException(
          Kind.ENVIRONMENT, "Cannot empty " + directory + ": " + e.getMessage(), e);
    }
  }
}
