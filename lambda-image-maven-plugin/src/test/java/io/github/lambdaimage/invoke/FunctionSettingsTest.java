package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {

  @Test
  void buildsTheArnAndLogGroupLambdaWouldUse() {
    FunctionSettings settings =
        new FunctionSettings("hello", 512, "eu-west-1", Duration.ofSeconds(30));

    assertThat(settings.invokedFunctionArn())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:hello");
    assertThat(settings.logGroupName()).isEqualTo("/aws/lambda/hello");
  }

  @Test
  void rejectsAFunctionNameLambdaWouldRejectNamingTheProperty() {
    assertThatThrownBy(() -> new FunctionSettings("my.fn", 512, "eu-west-1", Duration.ofSeconds(3)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Function name 'my.fn' is not valid for Lambda: use 1 to 64 letters, digits, hyphens"
                + " or underscores (lambda.functionName).");
  }

  @Test
  void rejectsMemoryOutsideLambdasRange() {
    assertThatThrownBy(() -> new FunctionSettings("fn", 64, "eu-west-1", Duration.ofSeconds(3)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Memory size 64 MB is outside Lambda's range of 128 to 10240 MB (lambda.memorySize).");
  }

  @Test
  void rejectsARegionThatIsNoRegionName() {
    assertThatThrownBy(() -> new FunctionSettings("fn", 128, "Ireland", Duration.ofSeconds(3)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Region 'Ireland' is not an AWS region name such as eu-west-1 (lambda.region).");
  }

  @Test
  void acceptsGovCloudRegions() {
    assertThat(new FunctionSettings("fn", 128, "us-gov-west-1", Duration.ofSeconds(3)).region())
        .isEqualTo("us-gov-west-1");
  }

  @Test
  void rejectsATimeoutAboveFifteenMinutes() {
    assertThatThrownBy(() -> new FunctionSettings("fn", 128, "eu-west-1", Duration.ofSeconds(901)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Timeout 901 s is outside Lambda's range of 1 to 900 seconds (lambda.timeout).");
  }
}
