package io.github.lambdaimage.invoke.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function the invoke tests run in a container. The event's {@code action} says what it does:
 * {@code echo} (default) answers with what it sees, {@code throw} throws, {@code sleep} sleeps
 * {@code seconds}, {@code exit} ends the JVM with {@code code}.
 */
public class TestFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final String JVM_ID = UUID.randomUUID().toString();
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    int invocation = INVOCATIONS.incrementAndGet();
    String action = String.valueOf(event.getOrDefault("action", "echo"));
    switch (action) {
      case "throw":
        throw new IllegalStateException("told to throw: " + event.get("message"));
      case "sleep":
        sleep(((Number) event.get("seconds")).intValue());
        break;
      case "exit":
        System.out.println("exiting on request");
        System.exit(((Number) event.get("code")).intValue());
        break;
      default:
        break;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("arch", System.getProperty("os.arch"));
    answer.put("invocation", invocation);
    answer.put("jvm", JVM_ID);
    answer.put("requestId", context.getAwsRequestId());
    answer.put("functionName", context.getFunctionName());
    answer.put("memoryLimitInMB", context.getMemoryLimitInMB());
    answer.put("invokedFunctionArn", context.getInvokedFunctionArn());
    answer.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
    answer.put("region", System.getenv("AWS_REGION"));
    answer.put("event", event);
    return answer;
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
