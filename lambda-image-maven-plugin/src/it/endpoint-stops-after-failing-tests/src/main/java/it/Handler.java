package it;

import java.util.Map;

/** Answers with the architecture it runs on and the event's name. */
public class Handler {
  public String handleRequest(Map<String, Object> event) throws Exception {
    return "ok from " + System.getProperty("os.arch") + " for " + event.get("name");
  }
}
