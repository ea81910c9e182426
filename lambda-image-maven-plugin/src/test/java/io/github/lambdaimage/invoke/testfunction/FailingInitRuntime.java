package io.github.lambdaimage.invoke.testfunction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A custom runtime whose initialisation fails: it reports the failure to {@code /init/error} as the
 * Runtime API asks, prints the service's answer and exits.
 */
public final class FailingInitRuntime {
  private FailingInitRuntime() {}

  public static void main(String[] args) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + System.getenv("AWS_LAMBDA_RUNTIME_API")
                        + "/2018-06-01/runtime/init/error"))
            .header("Lambda-Runtime-Function-Error-Type", "Runtime.ConfigurationError")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"errorMessage\":\"DATABASE_URL is not set\","
                        + "\"errorType\":\"Runtime.ConfigurationError\",\"stackTrace\":[]}"))
            .build();
    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
    System.exit(1);
  }
}
