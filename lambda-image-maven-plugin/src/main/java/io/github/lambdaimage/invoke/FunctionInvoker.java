package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.NoSuchImageException;
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
  private final RuntimeApiAddresses addresses;

  /**
   * An invoker whose Runtime API listens on loopback, for engines that reach it there.
   *
   * @param engine the engine that holds the images
   * @param log where responses, timings and the container's output go
   */
  public FunctionInvoker(DockerEngine engine, BuildLog log) {
    this(engine, log, RuntimeApiAddresses.DETECTED);
  }

  /**
   * @param engine the engine that holds the images
   * @param log where responses, timings and the container's output go
   * @param addresses where the Runtime API listens and what the container calls it, as far as the
   *     user chose; {@link RuntimeApiRoute} decides the rest
   */
  public FunctionInvoker(DockerEngine engine, BuildLog log, RuntimeApiAddresses addresses) {
    this.engine = engine;
    this.log = log;
    this.addresses = addresses;
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
    removeLeftovers();
    try (Run run = new Run(image, settings, null)) {
      run.start();
      List<InvokeReport.InvocationResult> results = new ArrayList<>();
      for (InvocationEvent event : events) {
        results.add(run.invoke(event));
      }
      InvokeReport report =
          new InvokeReport(image, run.engineArchitecture, run.initDuration(), results);
      log.info(run.prefix + summary(report));
      return report;
    }
  }

  /**
   * Starts {@code image} in a container and waits until its runtime asks for the first invocation,
   * so the container is warm. The caller sends it events one at a time and closes it.
   *
   * @param runLabel the value of the run label on the container
   * @throws FunctionFailedException when the runtime exits or never asks within the init limit
   * @throws EnvironmentException when the engine cannot run the image
   */
  public WarmFunction startWarm(ImageRecord image, FunctionSettings settings, String runLabel) {
    Run run = new Run(image, settings, runLabel);
    try {
      run.start();
      run.awaitInit();
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /**
   * Removes the containers that an invoke or a warm start on this host left when its JVM was killed
   * before it could remove them, saying so for each.
   */
  public void removeLeftovers() {
    FunctionContainer.removeLeftovers(engine, log);
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
    return duration == null ? "n/a" : duration.toMillis() + " ms";
  }

  /** One container with its Runtime API server: start, invocations, the checks between, removal. */
  private final class Run implements WarmFunction {
    private final ImageRecord image;
    private final FunctionSettings settings;
    private final String engineArchitecture;
    private final String prefix;
    private final RuntimeApiRoute route;
    private final RuntimeApiServer server;
    private final String runtimeApi;
    private final FunctionContainer container;
    private final ContainerLogs logs;
    private Instant startedAt;

    private final String runLabel;

    Run(ImageRecord image, FunctionSettings settings, String runLabel) {
      this.runLabel = runLabel;
      this.image = image;
      this.settings = settings;
      this.engineArchitecture = engine.info().architecture();
      this.prefix = "[" + settings.functionName() + " " + image.architecture() + "] ";
      this.logs = new ContainerLogs(log, prefix);
      this.route =
          RuntimeApiRoute.choose(
              engine.info(), engine.endpoint(), addresses, RuntimeApiRoute.thisKernel());
      this.server = RuntimeApiServer.start(route.bindAddress());
      this.runtimeApi = route.runtimeApi(server.port());
      String where =
          "Runtime API on "
              + server.hostAndPort()
              + ", called at "
              + runtimeApi
              + " over the "
              + route.networkMode()
              + " network ("
              + route.reason()
              + ")";
      if (route.exposed()) {
        log.info(prefix + where + "; it serves that network until the function is done");
      } else {
        log.debug(() -> prefix + where);
      }
      try {
        this.container = create();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    private FunctionContainer create() {
      Map<String, String> environment =
          LambdaEnvironment.variables(settings, image.handler(), runtimeApi);
      String runId = UUID.randomUUID().toString().substring(0, 8);
      String label = runLabel == null ? runId : runLabel;
      String name =
          "lambda-image-invoke-"
              + settings.functionName()
              + "-"
              + image.architecture()
              + "-"
              + runId;
      try {
        return FunctionContainer.create(
            engine, image, route, environment, settings.memorySizeMb(), name, label, log);
      } catch (NoSuchImageException e) {
        throw new EnvironmentException(
            "The "
                + image.architecture()
                + " image "
                + image.imageId()
                + " ("
                + image.taggedReference()
                + ") is not in the Docker Engine at "
                + engine.endpoint().host()
                + "; build it again: ./mvnw package -Dlambda.arch="
                + image.architecture(),
            e);
      }
    }

    void start() {
      log.info(
          prefix
              + "Invoking image "
              + image.imageId()
              + " in container "
              + container.id().substring(0, 12)
              + (image.architecture().dockerName().equals(engineArchitecture)
                  ? " (native)"
                  : " (emulated on this " + engineArchitecture + " engine)"));
      try {
        startedAt = container.start(logs);
      } catch (EnvironmentException e) {
        if (String.valueOf(e.getMessage()).contains(InvokeFailures.EXEC_FORMAT_ERROR)) {
          throw InvokeFailures.emulationMissing(image, engineArchitecture, e.getMessage());
        }
        throw e;
      }
    }

    Duration initDuration() {
      Instant firstPoll = server.firstPoll().getNow(null);
      return firstPoll == null ? null : Duration.between(startedAt, firstPoll);
    }

    void awaitInit() {
      InvocationEvent init = new InvocationEvent("(none: still initialising)", new byte[0]);
      CompletableFuture<Integer> exit = container.exit();
      awaitOrExit(server.firstPoll(), INIT_PHASE_LIMIT.plus(settings.timeout()), init, "starting");
      if (!server.firstPoll().isDone()) {
        throw exitedEarly(init, exit.getNow(-1));
      }
    }

    @Override
    public InvocationOutcome invoke(String requestId, InvocationEvent event) {
      Invocation invocation =
          server.submit(
              requestId,
              InvocationRequest.of(
                  event.payload(), settings.invokedFunctionArn(), settings.timeout()));
      return awaitOutcome(invocation, event);
    }

    InvokeReport.InvocationResult invoke(InvocationEvent event) {
      InvocationOutcome outcome = invoke(UUID.randomUUID().toString(), event);
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
      awaitOrExit(invocation.outcome(), limit, event, "waiting for");
      Optional<InvocationOutcome> outcome;
      try {
        outcome = invocation.awaitOutcome(LATE_OUTCOME_GRACE);
      } catch (InterruptedException e) {
        throw interrupted("waiting for", e);
      }
      if (outcome.isPresent()) {
        return outcome.get();
      }
      throw exitedEarly(event, exit.isCompletedExceptionally() ? -1 : exit.getNow(-1));
    }

    /**
     * Waits until {@code awaited} completes or the container exits; fails as a function that never
     * asked for work when neither happens within {@code limit}.
     *
     * @param doing what the wait is for, in the message of an interruption: {@code starting}
     */
    private void awaitOrExit(
        CompletableFuture<?> awaited, Duration limit, InvocationEvent event, String doing) {
      try {
        CompletableFuture.anyOf(awaited, container.exit())
            .get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        logs.awaitEnd();
        throw InvokeFailures.neverPolled(
            settings.functionName(), image, limit, unreached(), logs.tail());
      } catch (ExecutionException e) {
        throw exitedEarly(event, -1);
      } catch (InterruptedException e) {
        throw interrupted(doing, e);
      }
    }

    private EnvironmentException interrupted(String doing, InterruptedException e) {
      Thread.currentThread().interrupt();
      return new EnvironmentException(
          "Interrupted while " + doing + " function " + settings.functionName(), e);
    }

    private RuntimeException exitedEarly(InvocationEvent event, int exitCode) {
      logs.awaitEnd();
      Optional<String> execFormatError =
          logs.tail().stream()
              .filter(line -> line.contains(InvokeFailures.EXEC_FORMAT_ERROR))
              .findFirst();
      if (execFormatError.isPresent()) {
        return InvokeFailures.emulationMissing(image, engineArchitecture, execFormatError.get());
      }
      return InvokeFailures.exited(
          settings.functionName(),
          image,
          event,
          exitCode,
          server.firstPoll().isDone() ? null : unreached(),
          logs.tail());
    }

    private InvokeFailures.Unreached unreached() {
      return new InvokeFailures.Unreached(runtimeApi, route.reason());
    }

    @Override
    public void close() {
      try {
        container.close();
      } finally {
        server.close();
      }
    }
  }
}
