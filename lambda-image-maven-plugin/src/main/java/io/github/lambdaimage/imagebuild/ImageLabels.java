package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.TreeMap;

/** The label keys the plugin sets on every image, and the check of the user's own labels. */
public final class ImageLabels {

  /** Keys under this prefix are the plugin's: the up-to-date check and the records read them. */
  public static final String RESERVED_PREFIX = "io.github.lambdaimage.";

  /** OCI annotation: where the source lives. */
  public static final String SOURCE = "org.opencontainers.image.source";

  /** OCI annotation: the source revision (commit). */
  public static final String REVISION = "org.opencontainers.image.revision";

  /** OCI annotation: the version of the packaged software. */
  public static final String VERSION = "org.opencontainers.image.version";

  /** OCI annotation: the base image's name. */
  public static final String BASE_NAME = "org.opencontainers.image.base.name";

  /** OCI annotation: the base image's digest. */
  public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  /** The Lambda handler the image starts. */
  public static final String HANDLER = "io.github.lambdaimage.handler";

  /** The architecture the image was built for ({@code amd64}, {@code arm64}). */
  public static final String ARCHITECTURE = "io.github.lambdaimage.architecture";

  /** The hash of every build input; an equal hash means the image is up to date. */
  public static final String INPUTS = "io.github.lambdaimage.inputs";

  private ImageLabels() {}

  /**
   * The user's free-form labels ({@code <labels>}), checked: no key under {@value
   * #RESERVED_PREFIX}, no blank key or key with white space, no line break in a value; a missing
   * value is the empty string.
   *
   * @param labels the configured labels, or {@code null}
   * @throws InvalidConfigurationException naming the label and what to do
   */
  public static Map<String, String> userLabels(Map<String, String> labels) {
    Map<String, String> checked = new TreeMap<>();
    if (labels == null) {
      return checked;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = label.getKey();
      String value = label.getValue() == null ? "" : label.getValue();
      if (key == null || key.isBlank() || !key.strip().equals(key) || key.matches(".*\\s.*")) {
        throw new InvalidConfigurationException(
            "<labels> has the key '" + key + "': a label key needs no white space.");
      }
      if (key.startsWith(RESERVED_PREFIX)) {
        throw new InvalidConfigurationException(
            "<labels> sets "
                + key
                + ", but keys starting with "
                + RESERVED_PREFIX
                + " are reserved for lambda-image (the up-to-date check and the image records"
                + " read them). Use a key of your own, e.g. com.example."
                + key.substring(RESERVED_PREFIX.length())
                + ".");
      }
      if (value.contains("\n") || value.contains("\r")) {
        throw new InvalidConfigurationException(
            "<labels> value of " + key + " has a line break; write it on one line.");
      }
      checked.put(key, value);
    }
    return checked;
  }
}
