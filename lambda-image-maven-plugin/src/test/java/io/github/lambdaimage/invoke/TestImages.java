package io.github.lambdaimage.invoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.github.lambdaimage.invoke.testfunction.TestFunction;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the small images the invoke tests run, tagged uniquely under {@code
 * lambda-image-it/invoke-*}, and removes them again.
 */
public final class TestImages implements AutoCloseable {

  /** The per-architecture JRE base images scripts/env-up.sh pushes. */
  static final String BASE = "127.0.0.1:5000/lambda-image-test/java-base:17-";

  public static final String TEST_HANDLER = TestFunction.class.getName() + "::handleRequest";

  /** A file in every java image that only root may read (mode 0600, owned by root). */
  static final String ROOT_ONLY_FILE = "/root-only.txt";

  private static final Set<String> RUNTIME_JARS =
      Set.of(
          "aws-lambda-java-runtime-interface-client",
          "aws-lambda-java-core",
          "aws-lambda-java-serialization",
          "utils-lite");

  private final DockerClient docker;
  private final List<String> tags = new ArrayList<>();

  public TestImages(DockerClient docker) {
    this.docker = docker;
  }

  /**
   * A JRE image with the runtime interface client and {@link TestFunction}, starting {@code
   * handler}.
   */
  public ImageRecord javaFunction(Architecture architecture, String handler) {
    return javaImage(
        architecture,
        "[\"java\", \"-cp\", \"/var/task:/var/task/lib/*\","
            + " \"com.amazonaws.services.lambda.runtime.api.client.AWSLambda\"]",
        handler);
  }

  /**
   * The same image with another entrypoint.
   *
   * @param entrypoint the ENTRYPOINT as a JSON array
   * @param handler the CMD, the handler the runtime interface client loads
   */
  ImageRecord javaImage(Architecture architecture, String entrypoint, String handler) {
    Tar context = new Tar();
    for (Path jar : runtimeJars()) {
      context.add("lib/" + jar.getFileName(), read(jar), 0644);
    }
    Path classes = testClassesDirectory();
    try (Stream<Path> files =
        Files.walk(classes.resolve("io/github/lambdaimage/invoke/testfunction"))) {
      files
          .filter(Files::isRegularFile)
          .forEach(file -> context.add("classes/" + classes.relativize(file), read(file), 0644));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    context.add("root-only.txt", "for root's eyes only".getBytes(StandardCharsets.UTF_8), 0600);
    context.add(
        "Dockerfile",
        ("FROM "
                + BASE
                + architecture.dockerName()
                + "\nCOPY lib/ /var/task/lib/\nCOPY classes/ /var/task/\n"
                + "COPY root-only.txt "
                + ROOT_ONLY_FILE
                + "\nWORKDIR /var/task\n"
                + "ENTRYPOINT "
                + entrypoint
                + "\nCMD [\""
                + handler
                + "\"]\n")
            .getBytes(StandardCharsets.UTF_8),
        0644);
    return build(architecture, "java", context, handler);
  }

  /**
   * An image labelled {@code architecture} whose entrypoint no kernel can execute: what a foreign
   * architecture looks like on a host without emulation for it.
   */
  ImageRecord unrunnable(Architecture architecture) {
    Tar context = new Tar();
    context.add(
        "bootstrap",
        "\u007fELF but not for any machine here".getBytes(StandardCharsets.UTF_8),
        0755);
    context.add(
        "Dockerfile",
        "FROM scratch\nCOPY bootstrap /bootstrap\nENTRYPOINT [\"/bootstrap\"]\n"
            .getBytes(StandardCharsets.UTF_8),
        0644);
    return build(architecture, "unrunnable", context, null);
  }

  private ImageRecord build(Architecture architecture, String kind, Tar context, String handler) {
    String repository = "lambda-image-it/invoke-" + kind;
    String tag = architecture.dockerName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String reference = repository + ":" + tag;
    String imageId =
        docker
            .buildImageCmd(new ByteArrayInputStream(context.bytes()))
            .withPlatform(architecture.platform())
            .withTags(Set.of(reference))
            .withNetworkMode("host")
            .exec(new BuildImageResultCallback())
            .awaitImageId();
    tags.add(reference);
    return ImageRecord.built(
        architecture,
        repository,
        tag,
        imageId,
        BASE,
        handler,
        "sha256:test",
        architecture.dockerName());
  }

  /** The containers, running or not, that invoke created for {@code functionName}. */
  static List<Container> containersOf(DockerClient docker, String functionName) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withNameFilter(List.of("lambda-image-invoke-" + functionName + "-"))
        .exec();
  }

  @Override
  public void close() {
    for (String tag : tags) {
      try {
        docker.removeImageCmd(tag).withForce(true).exec();
      } catch (NotFoundException alreadyGone) {
        // nothing to clean up
      }
    }
  }

  private static List<Path> runtimeJars() {
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName().toString();
      if (RUNTIME_JARS.stream().anyMatch(artifact -> name.matches(artifact + "-\\d.*\\.jar"))) {
        jars.add(path);
      }
    }
    if (jars.size() != RUNTIME_JARS.size()) {
      throw new IllegalStateException(
          "Runtime interface client jars missing from the test classpath: " + jars);
    }
    return jars;
  }

  private static Path testClassesDirectory() {
    try {
      return Path.of(
          TestFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A build context assembled in memory, so file modes are exactly as given. */
  private static final class Tar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Tar() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    void add(String name, byte[] content, int mode) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(mode);
      try {
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] bytes() {
      try {
        tar.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}
