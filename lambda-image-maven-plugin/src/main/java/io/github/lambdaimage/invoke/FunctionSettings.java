package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function configuration Lambda would apply: what the runtime sees in its environment and the
 * limits it runs under.
 *
 * @param functionName the function's name, 1-64 letters, digits, hyphens or underscores
 * @param memorySizeMb the memory size in MB, 128 to 10240, also the container's memory limit
 * @param region the AWS region the function pretends to run in, e.g. {@code eu-west-1}
 * @param timeout the function timeout, 1 to 900 seconds
 * @param environment the user's variables for the function, checked by {@link FunctionEnvironment}
 */
public record FunctionSettings(
    String functionName,
    int memorySizeMb,
    String region,
    Duration timeout,
    Map<String, String> environment) {

  /** Lambda's default timeout is 3 s; locally a cold JVM under emulation needs more. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /** The memory size used when none is configured. */
  public static final int DEFAULT_MEMORY_SIZE_MB = 512;

  /** The region used when none is configured. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The account id in the function ARN the runtime is given; a placeholder, never a real one. */
  public static final String ACCOUNT_ID = "000000000000";

  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d+");

  /**
   * Validates every value.
   *
   * @throws InvalidConfigurationException naming the property, the value and what is accepted
   */
  public FunctionSettings {
    environment = Map.copyOf(environment);
    if (functionName == null || !FUNCTION_NAME.matcher(functionName).matches()) {
      throw new InvalidConfigurationException(
          "Function name '"
              + functionName
              + "' is not valid for Lambda: use 1 to 64 letters, digits, hyphens or underscores"
              + " (lambda.functionName).");
    }
    if (memorySizeMb < 128 || memorySizeMb > 10240) {
      throw new InvalidConfigurationException(
          "Memory size "
              + memorySizeMb
              + " MB is outside Lambda's range of 128 to 10240 MB (lambda.memorySize).");
    }
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidConfigurationException(
          "Region '" + region + "' is not an AWS region name such as eu-west-1 (lambda.region).");
    }
    long seconds = timeout == null ? 0 : timeout.toSeconds();
    if (seconds < 1 || seconds > 900) {
      throw new InvalidConfigurationException(
          "Timeout "
              + (timeout == null ? "null" : seconds + " s")
              + " is outside Lambda's range of 1 to 900 seconds (lambda.timeout).");
    }
  }

  /** Settings without user variables. */
  public FunctionSettings(String functionName, int memorySizeMb, String region, Duration timeout) {
    this(functionName, memorySizeMb, region, timeout, Map.of());
  }

  /** The ARN sent as {@code Lambda-Runtime-Invoked-Function-Arn}. */
  public String invokedFunctionArn() {
    return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
  }

  /** {@code /aws/lambda/<function name>}, the log group Lambda writes to. */
  public String logGroupName() {
    return "/aws/lambda/" + functionName;
  }
}
