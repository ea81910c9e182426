package io.github.lambdaimage.cdk.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.cdk.CdkException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ContextAssemblyTest {

  private static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void laterSourcesWinAndOnlyForwardedPrefixesAreTaken() {
    Map<String, String> context =
        ContextAssembly.assemble(
            Map.of("lambda.arch", "amd64", "lambda.function.memory", "256"),
            List.of("lambda."),
            properties("lambda.function.memory", "1024", "cdk.stacks", "A"),
            "lambda.arch=arm64, extra = yes");

    assertThat(context)
        .containsExactly(
            Map.entry("extra", "yes"),
            Map.entry("lambda.arch", "arm64"),
            Map.entry("lambda.function.memory", "1024"));
  }

  @Test
  void commandLinePropertyWinsOverThePom() {
    Map<String, String> context =
        ContextAssembly.assemble(
            Map.of("lambda.arch", "amd64"),
            List.of("lambda."),
            properties("lambda.arch", "arm64"),
            null);

    assertThat(context).containsExactly(Map.entry("lambda.arch", "arm64"));
  }

  @Test
  void pairWithoutEqualsIsRejected() {
    assertThatThrownBy(
            () -> ContextAssembly.assemble(null, List.of(), properties(), "a=1,lambda.arch"))
        .isInstanceOf(CdkException.class)
        .hasMessage(
            "cdk.context='a=1,lambda.arch': 'lambda.arch' is not key=value; separate pairs with"
                + " commas, e.g. a=1,b=2.");
  }
}
