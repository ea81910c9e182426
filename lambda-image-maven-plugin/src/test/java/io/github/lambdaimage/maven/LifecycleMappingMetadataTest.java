package io.github.lambdaimage.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LifecycleMappingMetadataTest {

  /**
   * Each mapped goal to its action: {@code ignore}, or {@code execute} with its incremental flag.
   */
  static Map<String, String> mappedGoals(String resource) throws Exception {
    Map<String, String> actions = new TreeMap<>();
    NodeList executions = parse(resource).getElementsByTagName("pluginExecution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      Element action = (Element) execution.getElementsByTagName("action").item(0);
      Element first = (Element) action.getElementsByTagName("*").item(0);
      String described =
          first.getTagName().equals("execute")
              ? "execute, runOnIncremental="
                  + first.getElementsByTagName("runOnIncremental").item(0).getTextContent()
              : first.getTagName();
      NodeList goals = execution.getElementsByTagName("goal");
      for (int j = 0; j < goals.getLength(); j++) {
        actions.put(goals.item(j).getTextContent().strip(), described);
      }
    }
    return actions;
  }

  /** The goals of the plugin descriptor the build generated, without {@code help}. */
  static TreeSet<String> pluginGoals() throws Exception {
    TreeSet<String> goals = new TreeSet<>();
    NodeList names = parse("META-INF/maven/plugin.xml").getElementsByTagName("goal");
    for (int i = 0; i < names.getLength(); i++) {
      if (names.item(i).getParentNode().getNodeName().equals("mojo")) {
        goals.add(names.item(i).getTextContent().strip());
      }
    }
    goals.remove("help");
    return goals;
  }

  private static Document parse(String resource) throws Exception {
    try (InputStream in =
        LifecycleMappingMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  @Test
  void theIdeRendersDockerfilesOnIncrementalBuildsAndNeverBuildsInvokesOrPushes() throws Exception {
    Map<String, String> goals = mappedGoals("META-INF/m2e/lifecycle-mapping-metadata.xml");

    assertThat(goals)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "build", "ignore",
                    "dockerfile", "execute, runOnIncremental=true",
                    "invoke", "ignore",
                    "push", "ignore",
                    "start", "ignore",
                    "stop", "ignore")));
    assertThat(goals.keySet()).isEqualTo(pluginGoals());
  }
}
