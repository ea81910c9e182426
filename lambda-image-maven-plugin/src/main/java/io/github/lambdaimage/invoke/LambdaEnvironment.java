package io.github.lambdaimage.invoke;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The environment variables Lambda sets for a function's runtime, then the user's own ({@link
 * FunctionSettings#environment()}, checked by {@link FunctionEnvironment}). Credentials are not
 * among Lambda's: a locally invoked function has no AWS identity unless the user passes one.
 */
public final class LambdaEnvironment {

  private static final DateTimeFormatter LOG_STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private LambdaEnvironment() {}

  /**
   * The variables, in a stable order.
   *
   * @param settings the function configuration
   * @param handler the handler from the image record, or {@code null} to leave {@code _HANDLER}
   *     unset and let the image's command decide
   * @param runtimeApi {@code host:port} of the Runtime API server as the container sees it
   */
  public static Map<String, String> variables(
      FunctionSettings settings, String handler, String runtimeApi) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    variables.put("AWS_LAMBDA_FUNCTION_NAME", settings.functionName());
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(settings.memorySizeMb()));
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", settings.logGroupName());
    variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
    variables.put("AWS_REGION", settings.region());
    variables.put("AWS_DEFAULT_REGION", settings.region());
    if (handler != null && !handler.isBlank()) {
      variables.put("_HANDLER", handler);
    }
    variables.put("LAMBDA_TASK_ROOT", "/var/task");
    variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
    variables.put("LANG", "en_US.UTF-8");
    variables.put("TZ", ":UTC");
    new TreeMap<>(settings.environment()).forEach(variables::putIfAbsent);
    return variables;
  }

  /** {@code yyyy/MM/dd/[$LATEST]<32 hex digits>}, the shape of Lambda's log stream names. */
  static String logStreamName() {
    return LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE)
        + "/[$LATEST]"
        + UUID.randomUUID().toString().replace("-", "");
  }
}
