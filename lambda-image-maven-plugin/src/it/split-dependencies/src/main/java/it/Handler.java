package it;

import java.util.Map;

/** The smallest Lambda handler: answers every event with the architecture it runs on. */
public class Handler {
  public String handleRequest(Map<String, Object> event) {
    return "ok from " + System.getProperty("os.arch");
  }
}
