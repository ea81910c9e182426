package io.github.lambdaimage.invoke;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.runtimeapi.Invocation;
import io.github.lambdaimage.runtimeapi.InvocationOutcome;
import io.github.lambdaimage.runtimeapi.InvocationRequest;
import io.github.lambdaimage.runtimeapi.RuntimeApiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a built image as Lambda would and sends it events: a container with Lambda's environment,
 * whose runtime talks to a local {@link RuntimeApiServer}. All events go to the same container, so
 * the first invocation is cold and the others warm. The container is always removed.
 */
public final class FunctionInvoker {

  /** Lambda gives the init phase 10 s, then retries it within the first invocation's timeout. */
  static final Duration INIT_PHASE_LIMIT = Duration.ofSeconds(10);

  private static final Duration LATE_OUTCOME_GRACE = Duration.ofMillis(500);

  private final DockerEngine engine;
  private final BuildLog log;

  /**
   * @param engine the engine that holds the images
   * @param log where responses, timings and the container's output go
   */
  public FunctionInvoker(DockerEngine engine, BuildLog log) {
    this.engine = engine;
    this.log = log;
  }

  /**
   * Invokes {@code image} once per event, in order, in one container.
   *
   * @return the responses and timings
   * @throws FunctionFailedException when the function errs, fails to initialise, times out or exits
   *     before answering
   * @throws EnvironmentException when the engine cannot run the image (missing image, no CPU
   *     emulation for its architecture)
   */
  public InvokeReport invoke(
      ImageRecord image, FunctionSettings settings, List<InvocationEvent> events) {
    String engineArchitecture = engine.info().architecture();
    RuntimeApiRoute route = RuntimeApiRoute.forEngine(engine.info());
    String runId = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "[" + settings.functionName() + " " + image.architecture() + "] ";
    try (RuntimeApiServer server = RuntimeApiServer.startOnLoopback();
        FunctionContainer container = create(image, settings, route, server, runId)) {
      log.info(
          prefix
              + "Invoking image "
              + image.imageId()
              + " in container "
              + container.id().substring(0, 12)
              + (image.architecture().equals(engineArchitecture)
                  ? " (native)"
                  : " (emulated on this " + engineArchitecture + " engine)"));
      Run run =
          new Run(
              image,
              engineArchitecture,
              settings,
              server,
              container,
              new ContainerLogs(log, prefix));
      run.start();
      List<InvokeReport.InvocationResult> results = new ArrayList<>();
      for (InvocationEvent event : events) {
        results.add(run.invoke(event, prefix));
      }
      InvokeReport report =
          new InvokeReport(image, engineArchitecture, run.initDuration(), results);
      log.info(prefix + summary(report));
      return report;
    }
  }

  private FunctionContainer create(
      ImageRecord image,
      FunctionSettings settings,
      RuntimeApiRoute route,
      RuntimeApiServer server,
      String runId) {
    Map<String, String> environment =
        LambdaEnvironment.variables(settings, image.handler(), route.runtimeApi(server.port()));
    String name =
        "lambda-image-invoke-" + settings.functionName() + "-" + image.architecture() + "-" + runId;
    try {
      return FunctionContainer.create(
          engine.client(), image, route, environment, settings.memorySizeMb(), name, runId);
    } catch (NotFoundException e) {
      throw new EnvironmentException(
          "The "
              + image.architecture()
              + " image "
              + image.imageId()
              + " ("
              + image.taggedReference()
              + ") is not in the Docker Engine at "
              + engine.endpoint()
              + "; build it again: ./mvnw package -Dlambda.arch="
              + image.architecture(),
          e);
    }
  }

  static String summary(InvokeReport report) {
    StringBuilder text =
        new StringBuilder("Init ")
            .append(millis(report.initDuration()))
            .append(" (container start to first /invocation/next)");
    for (int i = 0; i < report.invocations().size(); i++) {
      InvokeReport.InvocationResult result = report.invocations().get(i);
      text.append(", ")
          .append(result.eventName())
          .append(' ')
          .append(millis(result.duration()))
          .append(i == 0 ? " (cold)" : " (warm)");
    }
    ImageRecord image = report.image();
    return text.append(
            report.emulated()
                ? "; emulated: "
                    + image.architecture()
                    + " image on an "
                    + report.engineArchitecture()
                    + " engine"
                : "; native " + image.architecture())
        .toString();
  }

  private static String millis(Duration duration) {
    return duration == null ? "n/a" : String.format(Locale.ROOT, "%d ms", duration.toMillis());
  }

  /** One container's lifetime: start, invocations, and the failure checks between. */
  private final class Run {
    private final ImageRecord image;
    private final String engineArchitecture;
    private final FunctionSettings settings;
    private final RuntimeApiServer server;
    private final FunctionContainer container;
    private final ContainerLogs logs;
    private Instant startedAt;

    Run(
        ImageRecord image,
        String engineArchitecture,
        FunctionSettings settings,
        RuntimeApiServer server,
        FunctionContainer container,
        ContainerLogs logs) {
      this.image = image;
      this.engineArchitecture = engineArchitecture;
      this.settings = settings;
      this.server = server;
      this.container = container;
      this.logs = logs;
    }

    void start() {
      try {
        startedAt = container.start(logs);
      } catch (DockerException e) {
        if (String.valueOf(e.getMessage()).contains(InvokeFailures.EXEC_FORMAT_ERROR)) {
          throw InvokeFailures.emulationMissing(image, engineArchitecture, e.getMessage());
        }
        throw new EnvironmentException(
            "The Docker Engine could not start a container of image "
                + image.imageId()
                + ": "
                + e.getMessage(),
            e);
      }
    }

    Duration initDuration() {
      Instant firstPoll = server.firstPoll().getNow(null);
      return firstPoll == null ? null : Duration.between(startedAt, firstPoll);
    }

    InvokeReport.InvocationResult invoke(InvocationEvent event, String prefix) {
      Invocation invocation =
          server.submit(
              InvocationRequest.of(
                  event.payload(), settings.invokedFunctionArn(), settings.timeout()));
      InvocationOutcome outcome = awaitOutcome(invocation, event);
      String function = settings.functionName();
      if (outcome instanceof InvocationOutcome.Response response) {
        log.info(
            prefix
                + "Response to "
                + event.name()
                + " ("
                + millis(response.duration())
                + "): "
                + response.bodyText());
        return new InvokeReport.InvocationResult(
            event.name(), response.requestId(), response.duration(), response.bodyText());
      }
      if (outcome instanceof InvocationOutcome.FunctionError error) {
        throw InvokeFailures.functionError(
            function, image, event, error.requestId(), error.error());
      }
      if (outcome instanceof InvocationOutcome.InitError error) {
        throw InvokeFailures.initError(function, image, error.error());
      }
      throw InvokeFailures.timeout(function, image, event, settings.timeout());
    }

    private InvocationOutcome awaitOutcome(Invocation invocation, InvocationEvent event) {
      Duration limit = INIT_PHASE_LIMIT.plus(settings.timeout()).plus(settings.timeout());
      CompletableFuture<Integer> exit = container.exit();
      try {
        CompletableFuture.anyOf(invocation.outcome(), exit)
            .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        Optional<InvocationOutcome> outcome = invocation.awaitOutcome(LATE_OUTCOME_GRACE);
        if (outcome.isPresent()) {
          return outcome.get();
        }
        throw exitedEarly(event, exitCode(exit));
      } catch (TimeoutException e) {
        logs.awaitEnd();
        throw InvokeFailures.neverPolled(settings.functionName(), image, limit, logs.tail());
      } catch (ExecutionException e) {
        throw exitedEarly(event, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EnvironmentException(
            "Interrupted while waiting for function " + settings.functionName(), e);
      }
    }

    private RuntimeException exitedEarly(InvocationEvent event, int exitCode) {
      logs.awaitEnd();
      if (logs.anyLineContains(InvokeFailures.EXEC_FORMAT_ERROR)) {
        String evidence =
            logs.tail().stream()
                .filter(line -> line.contains(InvokeFailures.EXEC_FORMAT_ERROR))
                .findFirst()
                .orElse("");
        return InvokeFailures.emulationMissing(image, engineArchitecture, evidence);
      }
      return InvokeFailures.exited(settings.functionName(), image, event, exitCode, logs.tail());
    }

    private int exitCode(CompletableFuture<Integer> exit) {
      return exit.isCompletedExceptionally() ? -1 : exit.getNow(-1);
    }
  }
}
