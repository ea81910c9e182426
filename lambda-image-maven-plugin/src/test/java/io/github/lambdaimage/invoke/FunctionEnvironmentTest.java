package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {

  @Test
  void theUsersVariablesComeAfterLambdasInNameOrderAndAnEmptyValueIsEmpty() {
    Map<String, String> configured = new HashMap<>();
    configured.put("TABLE_NAME", "greetings");
    configured.put("EMPTY", null);

    Map<String, String> checked = FunctionEnvironment.checked(configured, false);
    FunctionSettings settings =
        new FunctionSettings("fn", 512, "eu-west-1", Duration.ofSeconds(3), checked);
    Map<String, String> variables = LambdaEnvironment.variables(settings, "it.Handler", "h:1");

    assertThat(checked)
        .containsExactly(Map.entry("EMPTY", ""), Map.entry("TABLE_NAME", "greetings"));
    assertThat(variables).containsEntry("TABLE_NAME", "greetings").containsEntry("EMPTY", "");
    assertThat(variables.keySet()).endsWith("EMPTY", "TABLE_NAME");
    assertThat(variables).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void awsCredentialsAreRefusedUnlessExplicitlyPassed() {
    Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");

    assertThatThrownBy(() -> FunctionEnvironment.checked(credentials, false))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "<environment> sets AWS_ACCESS_KEY_ID: a locally invoked function gets no AWS"
                + " credentials unless you pass them explicitly. Set"
                + " <passAwsCredentials>true</passAwsCredentials> (or"
                + " -Dlambda.invoke.passAwsCredentials=true) to give these to the function, or"
                + " remove it.");
    assertThat(FunctionEnvironment.checked(credentials, true))
        .containsExactly(Map.entry("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"));
  }

  @Test
  void aVariableLambdaSetsItselfIsRefusedEvenWithCredentialsPassed() {
    assertThatThrownBy(() -> FunctionEnvironment.checked(Map.of("AWS_REGION", "eu-west-1"), true))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("<environment> sets AWS_REGION, which Lambda reserves");
  }

  @Test
  void aNameLambdaWouldRejectIsRefused() {
    assertThatThrownBy(() -> FunctionEnvironment.checked(Map.of("1ST-VALUE", "x"), false))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "<environment> variable '1ST-VALUE' is not a valid name for Lambda: start with a"
                + " letter, then letters, digits and underscores.");
  }
}
