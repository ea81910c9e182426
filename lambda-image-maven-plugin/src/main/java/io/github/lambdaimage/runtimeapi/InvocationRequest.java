package io.github.lambdaimage.runtimeapi;

import java.time.Duration;
import java.util.Objects;

/**
 * One event to deliver through {@code /invocation/next}.
 *
 * @param payload the event, normally a JSON document
 * @param invokedFunctionArn sent as {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param timeout the function timeout; the deadline header is delivery time plus this
 * @param clientContext sent as {@code Lambda-Runtime-Client-Context} when not null
 * @param cognitoIdentity sent as {@code Lambda-Runtime-Cognito-Identity} when not null
 */
public record InvocationRequest(
    byte[] payload,
    String invokedFunctionArn,
    Duration timeout,
    String clientContext,
    String cognitoIdentity) {

  public InvocationRequest {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
    }
  }

  /** A request without client context or Cognito identity, as most triggers send. */
  public static InvocationRequest of(byte[] payload, String invokedFunctionArn, Duration timeout) {
    return new InvocationRequest(payload, invokedFunctionArn, timeout, null, null);
  }
}
