package io.github.lambdaimage.invoke;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The variables a user gives the invoked function ({@code <environment>}), checked as Lambda checks
 * a function's environment: a name Lambda sets itself is refused, and so are AWS credentials unless
 * the user explicitly passes them ({@code passAwsCredentials}); a local function has no AWS
 * identity otherwise.
 */
public final class FunctionEnvironment {

  /** The variables holding AWS credentials. */
  public static final Set<String> AWS_CREDENTIALS =
      Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  /** Names Lambda reserves for its runtime; a function's configuration cannot set them. */
  public static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private FunctionEnvironment() {}

  /**
   * The checked variables, in name order; a missing value is the empty string.
   *
   * @param variables the configured {@code <environment>}, or {@code null}
   * @param passAwsCredentials whether AWS credential variables may be among them
   * @throws InvalidConfigurationException naming the variable and what to do
   */
  public static Map<String, String> checked(
      Map<String, String> variables, boolean passAwsCredentials) {
    Map<String, String> checked = new LinkedHashMap<>();
    if (variables == null) {
      return checked;
    }
    for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
      String name = variable.getKey();
      if (!NAME.matcher(name).matches()) {
        throw new InvalidConfigurationException(
            "<environment> variable '"
                + name
                + "' is not a valid name for Lambda: start with a letter, then letters, digits"
                + " and underscores.");
      }
      if (RESERVED.contains(name)) {
        throw new InvalidConfigurationException(
            "<environment> sets "
                + name
                + ", which Lambda reserves and sets itself; invoke sets it too (from"
                + " lambda.functionName, lambda.memorySize, lambda.region and the image). Remove"
                + " it.");
      }
      if (AWS_CREDENTIALS.contains(name) && !passAwsCredentials) {
        throw new InvalidConfigurationException(
            "<environment> sets "
                + name
                + ": a locally invoked function gets no AWS credentials unless you pass them"
                + " explicitly. Set <passAwsCredentials>true</passAwsCredentials> (or -D"
                + "lambda.invoke.passAwsCredentials=true) to give these to the function, or remove"
                + " it.");
      }
      checked.put(name, variable.getValue() == null ? "" : variable.getValue());
    }
    return checked;
  }
}
