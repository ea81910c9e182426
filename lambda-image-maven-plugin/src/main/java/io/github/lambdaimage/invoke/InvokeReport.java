package io.github.lambdaimage.invoke;

import io.github.lambdaimage.model.ImageRecord;
import java.time.Duration;
import java.util.List;

/**
 * What one image did when invoked.
 *
 * @param image the invoked image
 * @param engineArchitecture the engine's native architecture, e.g. {@code amd64}
 * @param initDuration from asking the engine to start the container to the runtime's first {@code
 *     /invocation/next}
 * @param invocations every invocation, in order; the first is the cold one
 */
public record InvokeReport(
    ImageRecord image,
    String engineArchitecture,
    Duration initDuration,
    List<InvocationResult> invocations) {

  public InvokeReport {
    invocations = List.copyOf(invocations);
  }

  /** True when the image's architecture differs from the engine's, i.e. it ran under emulation. */
  public boolean emulated() {
    return !image.architecture().dockerName().equals(engineArchitecture);
  }

  /**
   * One answered invocation.
   *
   * @param eventName the event's name, e.g. its file name
   * @param requestId the request id the runtime was given
   * @param duration from delivering the event to receiving the response
   * @param response the function's response payload
   */
  public record InvocationResult(
      String eventName, String requestId, Duration duration, String response) {}
}
