package io.github.lambdaimage.context;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dependency jar and its coordinates.
 *
 * @param groupId e.g. {@code com.amazonaws}
 * @param artifactId e.g. {@code aws-lambda-java-core}
 * @param version e.g. {@code 1.4.0}
 * @param classifier e.g. {@code linux-x86_64}, or {@code null}
 * @param file the jar
 */
public record LibraryJar(
    String groupId, String artifactId, String version, String classifier, Path file) {

  /**
   * Names each jar in its layer directory: {@code artifactId-version[-classifier].jar}, prefixed
   * with {@code groupId.} when two jars would otherwise share a name.
   */
  public static Map<String, Path> byFileName(List<LibraryJar> jars) {
    Map<String, Integer> counts = new HashMap<>();
    jars.forEach(jar -> counts.merge(jar.simpleName(), 1, Integer::sum));
    Map<String, Path> named = new TreeMap<>();
    for (LibraryJar jar : jars) {
      String name =
          counts.get(jar.simpleName()) > 1
              ? jar.groupId + "." + jar.simpleName()
              : jar.simpleName();
      named.put(name, jar.file);
    }
    return named;
  }

  private String simpleName() {
    return artifactId
        + "-"
        + version
        + (classifier == null || classifier.isEmpty() ? "" : "-" + classifier)
        + ".jar";
  }
}
