package it;

import java.util.Map;

/** Always fails. */
public class Handler {
  public String handleRequest(Map<String, Object> event) throws Exception {
    throw new IllegalStateException("invoker project says no");
  }
}
