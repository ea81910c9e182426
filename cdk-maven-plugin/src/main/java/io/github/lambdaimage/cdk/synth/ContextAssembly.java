package io.github.lambdaimage.cdk.synth;

import io.github.lambdaimage.cdk.CdkException;
import io.github.lambdaimage.cdk.CdkException.Kind;
import io.github.lambdaimage.cdk.PropertyNames;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The CDK context a goal passes on, from four sources; later ones win: the POM's {@code <context>}
 * map, the project's properties whose names start with a forwarded prefix, the same for the command
 * line's {@code -D} properties, and the {@code key=value} pairs of {@value PropertyNames#CONTEXT}.
 */
public final class ContextAssembly {

  private ContextAssembly() {}

  /**
   * @param configured the POM's {@code <context>}, may be {@code null}
   * @param prefixes property name prefixes to forward, e.g. {@code lambda.}
   * @param userProperties the command line's {@code -D} properties
   * @param pairs {@code key=value} pairs separated by commas, may be {@code null}
   * @throws CdkException (configuration) for a pair without {@code =}
   */
  public static Map<String, String> assemble(
      Map<String, String> configured,
      List<String> prefixes,
      Properties userProperties,
      String pairs) {
    Map<String, String> context = new TreeMap<>();
    if (configured != null) {
      context.putAll(configured);
    }
    for (String name : userProperties.stringPropertyNames()) {
      if (prefixes.stream().anyMatch(name::startsWith)) {
        context.put(name, userProperties.getProperty(name));
      }
    }
    if (pairs != null && !pairs.isBlank()) {
      for (String pair : pairs.split(",")) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new CdkException(
              Kind.CONFIGURATION,
              PropertyNames.CONTEXT
                  + "='"
                  + pairs
                  + "': '"
                  + pair
                  + "' is not key=value; separate pairs with commas, e.g. a=1,b=2.");
        }
        context.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
    return context;
  }
}
