package io.github.lambdaimage.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloHandlerTest {

  private final HelloHandler handler = new HelloHandler();
  private final Context context = new FixedContext("req-1");

  @Test
  void answersAPlainEventWithTheGreetingArchitectureAndRequestId() {
    Object answer = handler.handleRequest(Map.of("name", "Ada"), context);

    assertThat(answer)
        .isEqualTo(
            Map.of(
                "message",
                "Hello, Ada!",
                "architecture",
                System.getProperty("os.arch"),
                "javaVersion",
                System.getProperty("java.version"),
                "requestId",
                "req-1"));
  }

  @Test
  void greetsTheWorldWhenNoNameIsGiven() {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) handler.handleRequest(Map.of(), context);
    assertThat(answer).containsEntry("message", "Hello, world!");
    @SuppressWarnings("unchecked")
    Map<String, Object> nullEvent = (Map<String, Object>) handler.handleRequest(null, context);
    assertThat(nullEvent).containsEntry("message", "Hello, world!");
  }

  @Test
  void answersAFunctionUrlRequestWithAJsonHttpResponse() {
    Map<String, Object> event =
        Map.of(
            "version",
            "2.0",
            "rawPath",
            "/",
            "queryStringParameters",
            Map.of("name", "Grace \"G\""),
            "requestContext",
            Map.of("http", Map.of("method", "GET", "path", "/")));

    Object answer = handler.handleRequest(event, context);

    assertThat(answer).isInstanceOf(APIGatewayV2HTTPResponse.class);
    APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) answer;
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
    assertThat(response.getBody())
        .isEqualTo(
            "{\"message\":\"Hello, Grace \\\"G\\\"!\",\"architecture\":\""
                + System.getProperty("os.arch")
                + "\",\"javaVersion\":\""
                + System.getProperty("java.version")
                + "\",\"requestId\":\"req-1\"}");
  }

  @Test
  void treatsAnEventWithoutHttpContextAsPlainJson() {
    Object answer = handler.handleRequest(Map.of("requestContext", Map.of("x", 1)), context);
    assertThat(answer).isInstanceOf(Map.class);
  }

  @Test
  void throwsWithTheTextOfAFailField() {
    assertThatThrownBy(() -> handler.handleRequest(Map.of("fail", "told to"), context))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("told to");
  }

  /** A context with a fixed request id; the handler reads nothing else. */
  private record FixedContext(String awsRequestId) implements Context {
    @Override
    public String getAwsRequestId() {
      return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/hello";
    }

    @Override
    public String getLogStreamName() {
      return "stream";
    }

    @Override
    public String getFunctionName() {
      return "hello";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:123456789012:function:hello";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }
}
