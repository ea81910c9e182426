package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTest {

  @Test
  void greetsByNameAndNamesTheArchitecture() {
    Map<String, String> answer = new Handler().handleRequest(Map.of("name", "Ada"), null);

    assertEquals("Hello, Ada!", answer.get("message"));
    assertEquals(System.getProperty("os.arch"), answer.get("architecture"));
  }

  @Test
  void greetsTheWorldWithoutAName() {
    assertEquals("Hello, world!", new Handler().handleRequest(Map.of(), null).get("message"));
  }
}
