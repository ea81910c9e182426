package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers an event {@code {"name": "Ada"}} with a greeting and the CPU architecture it runs on. */
public class Handler implements RequestHandler<Map<String, Object>, Map<String, String>> {

  @Override
  public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
    Object name = event == null ? null : event.get("name");
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("message", "Hello, " + (name == null ? "world" : name) + "!");
    answer.put("architecture", System.getProperty("os.arch"));
    return answer;
  }
}
