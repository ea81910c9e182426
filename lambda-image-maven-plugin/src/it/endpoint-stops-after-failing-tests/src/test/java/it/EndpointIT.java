package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EndpointIT {

  @Test
  void theFunctionAnswersThroughThePublishedEndpoint() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            System.getProperty("lambda.endpoint")
                                + "/2015-03-31/functions/"
                                + System.getProperty("lambda.endpoint.functions")
                                + "/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"it\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println("endpoint answered: " + response.body());
    assertEquals("\"ok from amd64 for it\"", response.body());
  }

  @Test
  void failsOnPurpose() {
    assertEquals("expected", "failing on purpose");
  }
}
