package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.runtimeapi.ErrorReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The messages of invoke's failures: what happened, in the function's words, and what to do. */
final class InvokeFailures {

  /** What the kernel says when it has no way to run a binary of another architecture. */
  static final String EXEC_FORMAT_ERROR = "exec format error";

  private static final String NL = System.lineSeparator();

  private InvokeFailures() {}

  /**
   * The Runtime API the function's runtime never called, and why invoke chose that address.
   *
   * @param runtimeApi {@code host:port} as the container was told it
   * @param reason how the route was chosen
   */
  record Unreached(String runtimeApi, String reason) {

    /** What to check and which two properties to set when the container cannot reach it. */
    String hint() {
      return "If the container cannot reach "
          + runtimeApi
          + " (chosen because "
          + reason
          + "), as with an engine in a virtual machine or on another host, set "
          + RuntimeApiAddresses.BIND_PROPERTY
          + " to an address of this machine that the engine reaches and "
          + RuntimeApiAddresses.HOST_PROPERTY
          + " to the name or address its containers call it at (default: the "
          + RuntimeApiAddresses.BIND_PROPERTY
          + " address).";
    }
  }

  static FunctionFailedException functionError(
      String function, ImageRecord image, InvocationEvent event, String requestId, ErrorReport e) {
    return new FunctionFailedException(
        "Function "
            + function
            + " ("
            + image.architecture()
            + ") failed on event "
            + event.name()
            + " (request "
            + requestId
            + "): "
            + e.describe());
  }

  static FunctionFailedException initError(String function, ImageRecord image, ErrorReport e) {
    return new FunctionFailedException(
        "Function "
            + function
            + " ("
            + image.architecture()
            + ") failed to initialise: "
            + e.describe());
  }

  static FunctionFailedException timeout(
      String function, ImageRecord image, InvocationEvent event, Duration timeout) {
    return new FunctionFailedException(
        "Function "
            + function
            + " ("
            + image.architecture()
            + ") timed out on event "
            + event.name()
            + ": Task timed out after "
            + String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0)
            + " seconds. Raise lambda.timeout (now "
            + timeout.toSeconds()
            + " s) if the function needs longer, or find where it blocks.");
  }

  static FunctionFailedException neverPolled(
      String function,
      ImageRecord image,
      Duration waited,
      Unreached unreached,
      List<String> logTail) {
    return new FunctionFailedException(
        "Function "
            + function
            + " ("
            + image.architecture()
            + ") did not ask for an invocation within "
            + waited.toSeconds()
            + " s: its runtime never called "
            + unreached.runtimeApi()
            + "/2018-06-01/runtime/invocation/next. Check that the image's entrypoint starts the"
            + " Lambda runtime interface client. "
            + unreached.hint()
            + tail(logTail));
  }

  /**
   * The container stopped without answering.
   *
   * @param unreached the Runtime API when the runtime never called it, else null
   */
  static FunctionFailedException exited(
      String function,
      ImageRecord image,
      InvocationEvent event,
      int exitCode,
      Unreached unreached,
      List<String> logTail) {
    return new FunctionFailedException(
        "The container of function "
            + function
            + " ("
            + image.architecture()
            + ", image "
            + image.imageId()
            + ") exited with code "
            + exitCode
            + " before answering event "
            + event.name()
            + "."
            + (unreached == null
                ? ""
                : " Its runtime never called the Runtime API at "
                    + unreached.runtimeApi()
                    + ". "
                    + unreached.hint())
            + tail(logTail));
  }

  /** The image's architecture cannot run on this host: no CPU emulation is registered for it. */
  static EnvironmentException emulationMissing(
      ImageRecord image, String engineArchitecture, String evidence) {
    String arch = image.architecture().dockerName();
    return new EnvironmentException(
        "The "
            + arch
            + " image cannot run on this "
            + engineArchitecture
            + " Docker Engine: starting it failed with '"
            + EXEC_FORMAT_ERROR
            + "' ("
            + evidence.strip()
            + "), so the host has no CPU emulation for "
            + arch
            + ". Enable QEMU through binfmt_misc: on a Docker host run"
            + " `docker run --privileged --rm tonistiigi/binfmt --install "
            + arch
            + "`; on Debian or Ubuntu `sudo apt-get install qemu-user-static binfmt-support`."
            + " Docker Desktop has it built in. Or invoke only the engine's architecture:"
            + " -Dlambda.arch="
            + engineArchitecture
            + ".");
  }

  private static String tail(List<String> lines) {
    if (lines.isEmpty()) {
      return " It printed nothing.";
    }
    StringBuilder text = new StringBuilder(" Its last output:");
    lines.forEach(line -> text.append(NL).append("    ").append(line));
    return text.toString();
  }
}
