package io.github.lambdaimage.runtimeapi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How one invocation ended, as the Lambda service would see it. */
public sealed interface InvocationOutcome {

  /** The request id of the invocation. */
  String requestId();

  /**
   * The runtime posted a response.
   *
   * @param requestId the invocation's request id
   * @param body the response payload
   * @param duration from delivering the event to receiving the response
   */
  record Response(String requestId, byte[] body, Duration duration) implements InvocationOutcome {
    /** The payload as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * The runtime posted an invocation error: the function threw or returned an error.
   *
   * @param requestId the invocation's request id
   * @param error what the runtime reported
   * @param duration from delivering the event to receiving the error
   */
  record FunctionError(String requestId, ErrorReport error, Duration duration)
      implements InvocationOutcome {}

  /**
   * The runtime posted an initialisation error before it could take this invocation.
   *
   * @param requestId the invocation's request id
   * @param error what the runtime reported
   */
  record InitError(String requestId, ErrorReport error) implements InvocationOutcome {}

  /**
   * The runtime took the event but did not answer before the deadline.
   *
   * @param requestId the invocation's request id
   * @param timeout the function timeout that elapsed
   */
  record Timeout(String requestId, Duration timeout) implements InvocationOutcome {}
}
