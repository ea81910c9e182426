package it;

import java.util.Map;

/** Answers with its GREETING variable and whether it was given AWS credentials. */
public class Handler {
  public String handleRequest(Map<String, Object> event) {
    return System.getenv("GREETING")
        + " "
        + event.get("name")
        + ", credentials: "
        + (System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_SECRET_ACCESS_KEY") != null);
  }
}
