package io.github.lambdaimage.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void parsesBearerWithQuotedCommasInScope() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:team/app:pull,push\"");

    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.parameters())
        .isEqualTo(
            Map.of(
                "realm", "https://auth.example/token",
                "service", "registry.example",
                "scope", "repository:team/app:pull,push"));
  }

  @Test
  void parsesBasicCaseInsensitivelyWithUnquotedValuesAndSpaces() {
    AuthChallenge challenge = AuthChallenge.parse("BASIC Realm=registry, charset=\"UTF-8\"");

    assertThat(challenge.isBasic()).isTrue();
    assertThat(challenge.parameter("realm")).contains("registry");
    assertThat(challenge.parameter("charset")).contains("UTF-8");
    assertThat(challenge.parameter("scope")).isEmpty();
  }

  @Test
  void unescapesQuotedValues() {
    AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"a\\\"b\"");

    assertThat(challenge.parameter("realm")).contains("a\"b");
  }

  @Test
  void selectPrefersBearerOverBasicAndIgnoresOtherSchemes() {
    List<String> headers = List.of("Negotiate", "Basic realm=\"r\"", "Bearer realm=\"t\"");

    assertThat(AuthChallenge.select(headers))
        .get()
        .extracting(AuthChallenge::scheme)
        .isEqualTo("bearer");
    assertThat(AuthChallenge.select(List.of("Negotiate", "Basic realm=\"r\"")))
        .get()
        .extracting(AuthChallenge::scheme)
        .isEqualTo("basic");
    assertThat(AuthChallenge.select(List.of("Negotiate"))).isEmpty();
  }
}
