package it;

import java.util.Map;

/** Outlives any short timeout. */
public class Handler {
  public String handleRequest(Map<String, Object> event) throws Exception {
    Thread.sleep(60_000);
    return "too late";
  }
}
