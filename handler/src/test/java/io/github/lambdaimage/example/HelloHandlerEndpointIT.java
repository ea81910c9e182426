package io.github.lambdaimage.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Calls the handler's images the way production code calls Lambda: through the AWS SDK's {@link
 * LambdaClient}, pointed at the local endpoint lambda-image:start serves in pre-integration-test
 * ({@code lambda.endpoint}, {@code lambda.endpoint.functions}, passed in by failsafe).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelloHandlerEndpointIT {

  private LambdaClient lambda;
  private List<String> functions;

  @BeforeAll
  void connect() {
    lambda =
        LambdaClient.builder()
            .endpointOverride(URI.create(System.getProperty("lambda.endpoint")))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    functions = Arrays.asList(System.getProperty("lambda.endpoint.functions").split(","));
  }

  @AfterAll
  void close() {
    lambda.close();
  }

  @Test
  void everyArchitectureAnswersFromItsOwnCpu() {
    List<String> architectures = new ArrayList<>();
    for (String function : functions) {
      InvokeResponse response = invoke(function, "{\"name\":\"Ada\"}");

      String payload = response.payload().asUtf8String();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.functionError()).isNull();
      assertThat(response.executedVersion()).isEqualTo("$LATEST");
      assertThat(payload)
          .contains("\"message\":\"Hello, Ada!\"")
          .contains("\"requestId\":\"" + response.responseMetadata().requestId() + "\"");
      String architecture = payload.replaceAll(".*\"architecture\":\"([^\"]+)\".*", "$1");
      architectures.add(architecture);
      assertThat(architecture).isEqualTo(expectedArchitecture(function));
    }
    System.out.println("Answered from " + architectures + " by " + functions);
  }

  @Test
  void aThrowingHandlerComesBackAsAnUnhandledFunctionErrorWithItsTypeAndMessage() {
    for (String function : functions) {
      InvokeResponse response = invoke(function, "{\"fail\":\"told to fail\"}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.functionError()).isEqualTo("Unhandled");
      assertThat(response.payload().asUtf8String())
          .contains("\"errorType\":\"java.lang.IllegalArgumentException\"")
          .contains("\"errorMessage\":\"told to fail\"");
    }
  }

  @Test
  void anEventInvocationIsAcceptedAtOnce() {
    for (String function : functions) {
      InvokeResponse response =
          lambda.invoke(
              request ->
                  request
                      .functionName(function)
                      .invocationType(InvocationType.EVENT)
                      .payload(SdkBytes.fromUtf8String("{\"name\":\"later\"}")));

      assertThat(response.statusCode()).isEqualTo(202);
    }
  }

  @Test
  void anUnknownFunctionIsResourceNotFound() {
    assertThatThrownBy(() -> invoke("no-such-function", "{}"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function");
  }

  private InvokeResponse invoke(String function, String json) {
    return lambda.invoke(
        request ->
            request
                .functionName(function)
                .payload(SdkBytes.fromString(json, StandardCharsets.UTF_8)));
  }

  /** {@code os.arch} in the container: {@code -arm64} runs on aarch64, the rest on amd64. */
  private static String expectedArchitecture(String function) {
    if (function.endsWith("-arm64")) {
      return "aarch64";
    }
    if (function.endsWith("-amd64")) {
      return "amd64";
    }
    String only = System.getProperty("lambda.arch", "amd64").trim();
    return only.equals("arm64") || only.equals("aarch64") ? "aarch64" : "amd64";
  }
}
