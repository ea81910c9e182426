package io.github.lambdaimage.invoke.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function the invoke tests run in a container. The event's {@code action} says what it does:
 * {@code echo} (default) answers with what it sees, {@code throw} throws, {@code sleep} sleeps
 * {@code seconds}, {@code exit} ends the JVM with {@code code}, {@code read} answers with the text
 * of the file at {@code path}, {@code write} writes {@code text} to the file at {@code path}.
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
      case "read":
        return Map.of("text", read(Path.of((String) event.get("path"))));
      case "write":
        write(Path.of((String) event.get("path")), (String) event.get("text"));
        return Map.of("written", event.get("path"));
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
    answer.put("sandbox", sandbox());
    return answer;
  }

  /** The process's user, capabilities and limits as the kernel reports them. */
  private static Map<String, String> sandbox() {
    Map<String, String> sandbox = new LinkedHashMap<>();
    for (String line : read(Path.of("/proc/self/status")).split("\n")) {
      String[] field = line.split(":\\s*", 2);
      if (List.of("Uid", "Gid", "CapEff", "NoNewPrivs").contains(field[0])) {
        sandbox.put(field[0], field[1].split("\\s+")[0]);
      }
    }
    for (String limit : List.of("/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max")) {
      if (Files.isReadable(Path.of(limit))) {
        sandbox.put("pidsMax", read(Path.of(limit)).strip());
      }
    }
    return sandbox;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
