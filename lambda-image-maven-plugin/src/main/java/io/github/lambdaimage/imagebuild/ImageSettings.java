package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.render.RuntimeMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything the images of one module are built from, for all architectures.
 *
 * @param projectDirectory the module's base directory
 * @param templateDirectory where {@code Dockerfile} and {@code Dockerfile.<arch>} may be
 * @param outputDirectory {@code target/lambda-image}
 * @param runtime the runtime mode
 * @param baseImage the base image as configured (never null: the mode's default applied)
 * @param handler the Lambda handler, {@code package.Class::method}
 * @param repository the image repository, without tag
 * @param tagPrefix the tag before {@code -<arch>}, normally the project version
 * @param inputs the jars and code that go into the context
 * @param labels extra image labels (the OCI annotations)
 * @param buildArgs {@code ARG} values
 * @param properties the project's properties, usable as template placeholders
 */
public record ImageSettings(
    Path projectDirectory,
    Path templateDirectory,
    Path outputDirectory,
    RuntimeMode runtime,
    String baseImage,
    String handler,
    String repository,
    String tagPrefix,
    ContextInputs inputs,
    Map<String, String> labels,
    Map<String, String> buildArgs,
    Map<String, String> properties) {

  private static final Pattern HANDLER =
      Pattern.compile(
          "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(::[A-Za-z_$][A-Za-z0-9_$]*)?");

  /** Validates the handler, copies the maps in key order. */
  public ImageSettings {
    requireHandler(handler);
    labels = new TreeMap<>(labels);
    buildArgs = new TreeMap<>(buildArgs);
    properties = new TreeMap<>(properties);
  }

  /**
   * Checks that {@code handler} is a Java handler name, {@code package.Class} or {@code
   * package.Class::method}.
   *
   * @throws InvalidConfigurationException naming the value and an example when it is not
   */
  public static void requireHandler(String handler) {
    if (handler == null || handler.isBlank()) {
      throw new InvalidConfigurationException(
          "No Lambda handler configured: set <handler> in the plugin configuration or the property"
              + " lambda.handler, e.g. -Dlambda.handler=com.example.Handler::handleRequest.");
    }
    if (!HANDLER.matcher(handler).matches()) {
      throw new InvalidConfigurationException(
          "Invalid Lambda handler '"
              + handler
              + "' (lambda.handler): expected package.Class or package.Class::method, e.g."
              + " com.example.Handler::handleRequest.");
    }
  }

  /** The tag of {@code architecture}'s image: {@code <tagPrefix>-<arch>}. */
  public String tag(Architecture architecture) {
    return tagPrefix + "-" + architecture.dockerName();
  }

  /**
   * {@code repository:tag} of {@code architecture}'s image.
   *
   * @throws InvalidConfigurationException when repository or tag is not a valid image name
   */
  public String imageName(Architecture architecture) {
    String name = repository + ":" + tag(architecture);
    ImageReference.parse(name);
    return name;
  }

  /** The architecture's working directory, {@code target/lambda-image/<arch>}. */
  public Path architectureDirectory(Architecture architecture) {
    return outputDirectory.resolve(architecture.dockerName());
  }
}
