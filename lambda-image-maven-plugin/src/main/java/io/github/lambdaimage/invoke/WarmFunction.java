package io.github.lambdaimage.invoke;

import io.github.lambdaimage.runtimeapi.InvocationOutcome;

/**
 * A started function container whose runtime has finished its init and waits for events: what
 * {@link FunctionInvoker#startWarm} returns. It takes one event at a time; closing it removes the
 * container.
 */
public interface WarmFunction extends AutoCloseable {

  /**
   * Sends one event and waits for how it ended: a response, a function error, an init error or a
   * timeout (after which the runtime is still busy and the container should be replaced).
   *
   * @param requestId the request id the runtime receives
   * @throws FunctionFailedException when the container exits before answering
   */
  InvocationOutcome invoke(String requestId, InvocationEvent event);

  /** Removes the container and stops its Runtime API server. */
  @Override
  void close();
}
