package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
  private final FunctionSettings settings =
      new FunctionSettings("hello", 1024, "eu-central-1", Duration.ofSeconds(30));

  @Test
  void setsWhatLambdaSetsForTheRuntime() {
    Map<String, String> variables =
        LambdaEnvironment.variables(settings, "example.Hello::handleRequest", "127.0.0.1:9001");

    assertThat(variables)
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "hello")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hello")
        .containsEntry("AWS_REGION", "eu-central-1")
        .containsEntry("AWS_DEFAULT_REGION", "eu-central-1")
        .containsEntry("_HANDLER", "example.Hello::handleRequest")
        .containsEntry("LAMBDA_TASK_ROOT", "/var/task")
        .containsEntry("LAMBDA_RUNTIME_DIR", "/var/runtime")
        .containsEntry("TZ", ":UTC");
    assertThat(variables.get("AWS_LAMBDA_LOG_STREAM_NAME"))
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
  }

  @Test
  void leavesTheHandlerToTheImageWhenTheRecordHasNone() {
    assertThat(LambdaEnvironment.variables(settings, null, "127.0.0.1:9001"))
        .doesNotContainKey("_HANDLER");
  }

  @Test
  void givesNoAwsCredentials() {
    assertThat(LambdaEnvironment.variables(settings, null, "127.0.0.1:9001").keySet())
        .noneMatch(name -> name.startsWith("AWS_ACCESS") || name.startsWith("AWS_SECRET"));
  }
}
