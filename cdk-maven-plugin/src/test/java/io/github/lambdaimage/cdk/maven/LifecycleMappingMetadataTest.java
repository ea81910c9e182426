package io.github.lambdaimage.cdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class LifecycleMappingMetadataTest {

  private static List<String> texts(String resource, String tag) throws Exception {
    Document document;
    try (InputStream in =
        LifecycleMappingMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList nodes = document.getElementsByTagName(tag);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      String parent = nodes.item(i).getParentNode().getNodeName();
      if (!tag.equals("goal") || parent.equals("mojo") || parent.equals("goals")) {
        texts.add(nodes.item(i).getTextContent().strip());
      }
    }
    return texts;
  }

  @Test
  void theIdeNeverRunsAnyCdkGoalOnItsBuilds() throws Exception {
    String mapping = "META-INF/m2e/lifecycle-mapping-metadata.xml";

    assertThat(texts(mapping, "pluginExecution")).hasSize(1);
    assertThat(texts(mapping, "ignore")).hasSize(1);
    assertThat(texts(mapping, "execute")).isEmpty();
    assertThat(texts(mapping, "goal"))
        .containsExactlyInAnyOrderElementsOf(
            texts("META-INF/maven/plugin.xml", "goal").stream()
                .filter(goal -> !goal.equals("help"))
                .toList());
  }
}
