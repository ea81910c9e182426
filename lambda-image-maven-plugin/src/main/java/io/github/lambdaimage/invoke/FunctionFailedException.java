package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.LambdaImageException;

/**
 * The function itself failed: it threw, failed to initialise, timed out, or its container exited
 * before answering. The message carries the function's own words (error type, message, stack trace,
 * or the last lines of its output).
 */
public class FunctionFailedException extends LambdaImageException {

  public FunctionFailedException(String message) {
    super(message);
  }
}
