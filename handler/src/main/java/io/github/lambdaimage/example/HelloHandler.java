package io.github.lambdaimage.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The reference Lambda handler. It answers two kinds of events:
 *
 * <ul>
 *   <li>a Lambda Function URL or API Gateway HTTP API (payload 2.0) request: an HTTP response whose
 *       body is the greeting as JSON; the name comes from the {@code name} query parameter;
 *   <li>any other JSON object: the greeting itself; the name comes from its {@code name} field;
 *   <li>an object with a {@code fail} field: it throws {@link IllegalArgumentException} with that
 *       text, so tests can see how a function error reaches a caller ({@code X-Amz-Function-Error:
 *       Unhandled} and the error document).
 * </ul>
 *
 * The greeting tells on which CPU architecture and Java version the function runs, which is what a
 * multi-architecture build has to get right.
 */
public class HelloHandler implements RequestHandler<Map<String, Object>, Object> {

  @Override
  public Object handleRequest(Map<String, Object> event, Context context) {
    Map<String, Object> safeEvent = event == null ? Map.of() : event;
    if (safeEvent.get("fail") != null) {
      throw new IllegalArgumentException(safeEvent.get("fail").toString());
    }
    if (HttpEvents.isHttpRequest(safeEvent)) {
      Greeting greeting = Greeting.of(HttpEvents.queryParameter(safeEvent, "name"), context);
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(200)
          .withHeaders(Map.of("content-type", "application/json"))
          .withBody(greeting.toJson())
          .build();
    }
    Object name = safeEvent.get("name");
    return Greeting.of(name == null ? null : name.toString(), context).toMap();
  }
}
