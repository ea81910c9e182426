package io.github.lambdaimage.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge, e.g. {@code Bearer
 * realm="https://auth.example/token",service="registry",scope="repository:app:pull"} or {@code
 * Basic realm="registry"}.
 *
 * @param scheme the scheme in lower case: {@code bearer} or {@code basic}
 * @param parameters the parameters by lower-case name, unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

  /** Picks the challenge to answer: Bearer if offered, else Basic, else none. */
  public static Optional<AuthChallenge> select(List<String> headerValues) {
    AuthChallenge basic = null;
    for (String value : headerValues) {
      AuthChallenge challenge = parse(value);
      if (challenge.isBearer()) {
        return Optional.of(challenge);
      }
      if (challenge.isBasic() && basic == null) {
        basic = challenge;
      }
    }
    return Optional.ofNullable(basic);
  }

  /** Parses a header value; quoted values may contain commas and {@code \"} escapes. */
  public static AuthChallenge parse(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    int i = space < 0 ? trimmed.length() : space + 1;
    while (i < trimmed.length()) {
      int equals = trimmed.indexOf('=', i);
      if (equals < 0) {
        break;
      }
      String name = trimmed.substring(i, equals).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = equals + 1;
      if (i < trimmed.length() && trimmed.charAt(i) == '"') {
        i = readQuoted(trimmed, i + 1, value);
      } else {
        while (i < trimmed.length() && trimmed.charAt(i) != ',') {
          value.append(trimmed.charAt(i++));
        }
      }
      parameters.put(name, value.toString().strip());
      while (i < trimmed.length() && (trimmed.charAt(i) == ',' || trimmed.charAt(i) == ' ')) {
        i++;
      }
    }
    return new AuthChallenge(scheme, Map.copyOf(parameters));
  }

  private static int readQuoted(String text, int start, StringBuilder value) {
    int i = start;
    while (i < text.length() && text.charAt(i) != '"') {
      if (text.charAt(i) == '\\' && i + 1 < text.length()) {
        i++;
      }
      value.append(text.charAt(i++));
    }
    return i + 1;
  }

  /** True for {@code Bearer}. */
  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  /** True for {@code Basic}. */
  public boolean isBasic() {
    return scheme.equals("basic");
  }

  /** A parameter by name ({@code realm}, {@code service}, {@code scope}), if present. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
