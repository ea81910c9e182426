package io.github.lambdaimage.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rendered Dockerfile cut in two where its last instruction is {@code COPY app/ <destination>}:
 * everything before it builds a dependencies image (from {@code lib/} and {@code runtime/}), and
 * the application image is that copy on top of it. A change of the function's code then sends only
 * {@code app/} to the engine. Dockerfiles ending otherwise, or using {@code app/} earlier, are not
 * split.
 *
 * @param dependencies the Dockerfile of the dependencies image: the rendered one without its last
 *     instruction (and the comment lines just above it)
 * @param application the last instruction with the comment lines just above it
 */
public record DockerfileSplit(String dependencies, String application) {

  private static final Pattern LAST_COPY = Pattern.compile("(?i)COPY[ \\t]+app/[ \\t]+\\S.*");
  private static final Pattern USES_APP = Pattern.compile("(?i)^\\s*(COPY|ADD)\\s.*\\bapp/.*");

  /** The two parts of {@code dockerfile}, or empty when it does not end with {@code COPY app/}. */
  public static Optional<DockerfileSplit> of(String dockerfile) {
    List<String> lines = List.of(dockerfile.split("\n", -1));
    int last = lines.size() - 1;
    while (last >= 0 && isBlankOrComment(lines.get(last))) {
      last--;
    }
    if (last < 0 || !LAST_COPY.matcher(lines.get(last).strip()).matches()) {
      return Optional.empty();
    }
    if (last > 0 && lines.get(last - 1).stripTrailing().endsWith("\\")) {
      return Optional.empty();
    }
    int first = last;
    while (first > 0 && lines.get(first - 1).strip().startsWith("#")) {
      first--;
    }
    List<String> before = new ArrayList<>(lines.subList(0, first));
    if (before.stream().anyMatch(line -> USES_APP.matcher(line).matches())
        || before.stream().allMatch(DockerfileSplit::isBlankOrComment)) {
      return Optional.empty();
    }
    return Optional.of(
        new DockerfileSplit(
            String.join("\n", before) + "\n",
            String.join("\n", lines.subList(first, last + 1)) + "\n"));
  }

  /**
   * The application image's Dockerfile: {@code FROM --platform=<platform> <dependenciesImage>} and
   * the last instruction, with comments saying where the rest is.
   */
  public String applicationDockerfile(String platform, String dependenciesImage) {
    return "# Rendered by lambda-image for "
        + platform
        + ": the function's code on top of its dependencies image,\n"
        + "# built from Dockerfile.dependencies beside this file. The whole Dockerfile, as one file,\n"
        + "# is context/Dockerfile.\n"
        + "FROM --platform="
        + platform
        + " "
        + dependenciesImage
        + "\n"
        + application;
  }

  private static boolean isBlankOrComment(String line) {
    String stripped = line.strip();
    return stripped.isEmpty() || stripped.startsWith("#");
  }
}
