package io.github.lambdaimage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.github.lambdaimage.docker.SilentEngine;
import io.github.lambdaimage.it.support.MavenBuild;
import io.github.lambdaimage.it.support.TestEngine;
import io.github.lambdaimage.it.support.TestRegistry;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.LocalRegistryProcess;
import io.github.lambdaimage.registry.RawRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Maven build of the handler, stopped the ways a user or a machine stops it: Ctrl-C ({@code
 * SIGINT}) during the image build, during invoke and during push leaves no container, no temporary
 * tag and no digest; a killed invoke ({@code SIGKILL}) leaves a container that the next invoke
 * removes and reports; an engine that accepts and never answers fails the goal within {@code
 * lambda.engineTimeout}.
 */
class InterruptionIT {

  private static final String OWNER_LABEL = "io.github.lambdaimage.invoke.owner";
  private static final String REVISION_LABEL = "org.opencontainers.image.revision";
  private static final String TEMPORARY_REPOSITORY = "lambda-image-build/";

  /** How long the interrupted build's last step runs: within the wait Ctrl-C gives a build. */
  private static final int BUILD_STEP_SECONDS = 5;

  private static final String USER = "faults";
  private static final String PASSWORD = "faults-secret";
  private static final Duration STEP = Duration.ofMinutes(3);
  private static final String REVISION = "faults-" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * A handler that sleeps for an event's {@code sleepSeconds}, added to each copy of the handler
   * module, so that an invocation lasts long enough to be interrupted.
   */
  private static final String SLOW_HANDLER =
      """
      package io.github.lambdaimage.example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      public class SlowHandler implements RequestHandler<Map<String, Object>, Object> {
        @Override
        public Object handleRequest(Map<String, Object> event, Context context) {
          Object seconds = event == null ? null : event.get("sleepSeconds");
          if (seconds instanceof Number number) {
            try {
              Thread.sleep(number.longValue() * 1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return "awake";
        }
      }
      """;

  @TempDir static Path directory;
  private static LocalRegistryProcess registry;
  private static String path;
  private static String repository;
  private static MavenBuild.Result built;

  /** One amd64 image of the handler, built to completion, for the invoke and push tests. */
  @BeforeAll
  static void buildTheHandler() {
    registry =
        LocalRegistryProcess.startWithHtpasswd(directory.resolve("registry"), USER, PASSWORD);
    path = RawRegistry.uniqueRepository("interrupted");
    repository = registry.address() + "/" + path;
    built = handler(slowCopy("interruption"), repository, "package").run();
    assertThat(built.succeeded()).as(built.log()).isTrue();
  }

  @AfterAll
  static void cleanUp() {
    TestEngine.removeIfPresent(repository + ":0.1.0-SNAPSHOT-amd64");
    TestEngine.removeDependenciesImages(repository);
    TestEngine.removeDependenciesImages(repository + "-interrupted");
    if (registry != null) {
      registry.close();
    }
  }

  /**
   * Appends {@code instruction} to the copy's Dockerfile template. A step that lasts makes sure
   * Ctrl-C lands while the engine builds: the application's own context is a few kB, and its build
   * can end before the signal arrives.
   */
  private static void appendToTemplate(MavenBuild copy, String instruction) {
    Path template = copy.projectDirectory().resolve("src/main/docker/Dockerfile");
    try {
      Files.writeString(template, "\n" + instruction + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MavenBuild slowCopy(String name) {
    MavenBuild copy = MavenBuild.ofModuleCopy("handler", name);
    try {
      Files.writeString(
          copy.projectDirectory()
              .resolve("src/main/java/io/github/lambdaimage/example/SlowHandler.java"),
          SLOW_HANDLER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** A slow invocation (30 s) under a function timeout that lets it run. */
  private static String[] slowInvoke() {
    Path event = directory.resolve("slow.json");
    try {
      Files.writeString(event, "{\"sleepSeconds\": 30}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {"verify", "-Dlambda.event=" + event, "-Dlambda.timeout=60"};
  }

  private static MavenBuild handler(MavenBuild build, String repository, String... goals) {
    List<String> arguments = new ArrayList<>(Arrays.asList(goals));
    arguments.addAll(Arrays.asList(MavenBuild.WITHOUT_MODULE_TESTS));
    arguments.addAll(
        List.of(
            "-Dlambda.arch=amd64",
            "-Dlambda.runtime=custom",
            "-Dlambda.baseImage=" + TestRegistry.baseImage(),
            "-Dlambda.handler=io.github.lambdaimage.example.SlowHandler::handleRequest",
            "-Dlambda.image.repository=" + repository,
            "-Dlambda.image.revision=" + REVISION));
    return build.args(arguments.toArray(String[]::new));
  }

  private static MavenBuild again(String... goals) {
    return handler(MavenBuild.of(built.projectDirectory()), repository, goals)
        .server(registry.address(), USER, PASSWORD);
  }

  private static ImageRecords records(Path project) {
    return ImageRecords.inBuildDirectory(project.resolve("target"));
  }

  @Test
  void ctrlCDuringTheImageBuildLeavesNoTemporaryTagAndNoImageRecord() {
    // A repository of its own: the image built before all tests would make this build up to date.
    MavenBuild copy = slowCopy("interrupted-build");
    appendToTemplate(copy, "RUN sleep " + BUILD_STEP_SECONDS);
    MavenBuild.Running build = handler(copy, repository + "-interrupted", "package").start();
    build.awaitLogLine(": RUN sleep " + BUILD_STEP_SECONDS, STEP);
    build.signal("INT");
    MavenBuild.Result result = build.await(STEP);

    assertThat(result.succeeded()).as(result.log()).isFalse();
    assertThat(result.log()).doesNotContain("BUILD SUCCESS");
    assertThat(temporaryTagsOfThisTest()).isEmpty();
    assertThat(records(result.projectDirectory()).imageFile(Architecture.AMD64)).doesNotExist();
  }

  @Test
  void ctrlCDuringInvokeLeavesNoContainer() {
    MavenBuild.Running invoke = again(slowInvoke()).start();
    invoke.awaitLogLine("Invoking image ", STEP);
    assertThat(containersOf(invoke.pid())).as(invoke.log()).hasSize(1);
    invoke.signal("INT");
    MavenBuild.Result result = invoke.await(STEP);

    assertThat(result.succeeded()).as(result.log()).isFalse();
    assertThat(containersOf(invoke.pid())).isEmpty();
    assertThat(temporaryTagsOfThisTest()).isEmpty();
  }

  @Test
  void theNextInvokeRemovesTheContainerOfAKilledInvokeAndSaysSo() {
    MavenBuild.Running killed = again(slowInvoke()).start();
    killed.awaitLogLine("Invoking image ", STEP);
    killed.signal("KILL");
    killed.await(STEP);
    List<Container> left = containersOf(killed.pid());
    assertThat(left).hasSize(1);

    MavenBuild.Result next = again("verify").run();

    assertThat(next.succeeded()).as(next.log()).isTrue();
    assertThat(next.log())
        .contains(
            "Removed container "
                + left.get(0).getId().substring(0, 12)
                + ", left by an earlier run (process "
                + killed.pid()
                + ") that was killed before it could remove it");
    assertThat(containersOf(killed.pid())).isEmpty();
  }

  @Test
  void ctrlCDuringPushRecordsNoDigestAndLeavesNoTagInTheRegistry() throws Exception {
    MavenBuild.Running push = again("deploy", "-Dlambda.skip.invoke=true").start();
    long deadline = System.nanoTime() + STEP.toNanos();
    while (!registry.uploadStarted(path) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(registry.uploadStarted(path)).as(push.log()).isTrue();
    push.signal("INT");
    MavenBuild.Result result = push.await(STEP);

    assertThat(result.succeeded()).as(result.log()).isFalse();
    ImageRecords records = records(result.projectDirectory());
    assertThat(records.read(Architecture.AMD64).digest()).isNull();
    assertThat(records.read(Architecture.AMD64).imageId()).isNotBlank();
    assertThatThrownBy(
            () ->
                new RawRegistry(registry.address(), USER, PASSWORD)
                    .manifest(path, "0.1.0-SNAPSHOT-amd64"))
        .hasMessageContaining(" answered 404: ");
    assertThat(temporaryTagsOfThisTest()).isEmpty();
  }

  @Test
  void anEngineThatAcceptsAndNeverAnswersFailsTheBuildWithinTheEngineTimeout() throws Exception {
    try (SilentEngine silent = SilentEngine.onUnixSocket(directory.resolve("silent.sock"))) {
      Path imageFile = records(built.projectDirectory()).imageFile(Architecture.AMD64);
      byte[] before = Files.readAllBytes(imageFile);

      long started = System.nanoTime();
      MavenBuild.Result result =
          again("package", "-Dlambda.engineTimeout=3").env("DOCKER_HOST", silent.host()).run();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result.succeeded()).as(result.log()).isFalse();
      assertThat(silent.accepted()).isPositive();
      assertThat(result.log())
          .contains(
              "The Docker Engine at " + silent.host() + " sent nothing for 3 s when asked to ")
          .contains("raise the limit with -Dlambda.engineTimeout=<seconds>.");
      assertThat(Files.readAllBytes(imageFile)).isEqualTo(before);
      // The index lists what the last build built: nothing.
      assertThat(ImageRecords.readIndexFile(records(built.projectDirectory()).indexFile()))
          .isEmpty();
      System.out.printf(
          "package against a silent engine failed after %.1f s%n", took.toMillis() / 1e3);
      assertThat(took).isLessThan(Duration.ofSeconds(90));
    }
  }

  /** The containers invoke created in process {@code pid}, running or not. */
  private static List<Container> containersOf(long pid) {
    return TestEngine.client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(OWNER_LABEL))
        .exec()
        .stream()
        .filter(container -> container.getLabels().get(OWNER_LABEL).endsWith(":" + pid))
        .toList();
  }

  /** Temporary tags on images this test class built (their revision label is the test's). */
  private static List<String> temporaryTagsOfThisTest() {
    return TestEngine.client()
        .listImagesCmd()
        .withLabelFilter(Map.of(REVISION_LABEL, REVISION))
        .exec()
        .stream()
        .map(Image::getRepoTags)
        .filter(tags -> tags != null)
        .flatMap(Stream::of)
        .filter(tag -> tag.startsWith(TEMPORARY_REPOSITORY))
        .toList();
  }
}
