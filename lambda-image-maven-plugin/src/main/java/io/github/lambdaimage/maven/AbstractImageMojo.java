package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.imagebuild.BaseImageResolver;
import io.github.lambdaimage.imagebuild.ImageSettings;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.render.RuntimeMode;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The configuration shared by the goals that render and build images. */
abstract class AbstractImageMojo extends AbstractRegistryMojo {

  /**
   * The Lambda handler the image starts, {@code package.Class::method} (or {@code package.Class}
   * for a {@code RequestHandler}). Required.
   */
  @Parameter(property = PropertyNames.HANDLER)
  private String handler;

  /**
   * How the image runs the function: {@code official} builds on an AWS Lambda base image, which
   * carries the runtime interface client; {@code custom} builds on any JRE image ({@code
   * baseImage}), to which the plugin adds the runtime interface client and an entrypoint.
   */
  @Parameter(property = PropertyNames.RUNTIME, defaultValue = "official")
  private String runtime;

  /**
   * The base image. Default for {@code runtime=official}: {@code public.ecr.aws/lambda/java:21};
   * required for {@code custom}. Each architecture's build uses the digest of this image's manifest
   * for that platform, resolved from the registry once and cached in {@code
   * target/lambda-image/<arch>/base.json} (run Maven with {@code -U} to resolve again).
   */
  @Parameter(property = PropertyNames.BASE_IMAGE)
  private String baseImage;

  /**
   * The directory of the Dockerfile template. {@code Dockerfile.<arch>} there is used for that
   * architecture, else {@code Dockerfile}, else the built-in template of the runtime mode. The
   * template is rendered once per architecture to {@code target/lambda-image/<arch>/context/}.
   *
   * <p>Placeholders are written <code>&#64;name&#64;</code>: <code>&#64;lambda.arch&#64;</code>
   * (amd64), <code>&#64;lambda.platform&#64;</code> (linux/amd64), <code>
   * &#64;lambda.lambdaArchitecture&#64;</code> (x86_64), <code>&#64;lambda.baseImage&#64;</code>
   * (pinned to the platform's digest), <code>&#64;lambda.handler&#64;</code>, <code>
   * &#64;lambda.runtime&#64;</code>, <code>&#64;lambda.runtimeLayer&#64;</code> and <code>
   * &#64;lambda.entrypoint&#64;</code> (the runtime mode's lines: comments in official mode; the
   * runtime client's COPY and the java ENTRYPOINT in custom mode), and every project property (a
   * {@code -D} property overrides the POM's). An unknown name or a value with a line break fails
   * the build; {@code ${VAR}} and {@code $VAR} stay as written. The build context holds {@code
   * lib/} (dependency jars, for {@code /var/task/lib/}), {@code app/} (the module's jar in {@code
   * lib/}, for {@code /var/task/}) and, in custom mode, {@code runtime/} (for {@code
   * /var/runtime/lib/}).
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/docker")
  private File templateDirectory;

  /**
   * The settings every architecture's image is built from.
   *
   * @param inputs the jars and code for the context
   * @param repository the image repository
   * @param tag the tag prefix
   * @param labels extra image labels
   * @param buildArgs {@code ARG} values
   */
  protected ImageSettings imageSettings(
      ContextInputs inputs,
      String repository,
      String tag,
      Map<String, String> labels,
      Map<String, String> buildArgs) {
    RuntimeMode mode = RuntimeMode.parse(runtime);
    return new ImageSettings(
        project.getBasedir().toPath(),
        templateDirectory.toPath(),
        outputDirectory(),
        mode,
        baseImage(mode),
        handler,
        repository,
        tag,
        inputs,
        labels,
        buildArgs,
        projectProperties());
  }

  /** The runtime mode, parsed. */
  protected RuntimeMode runtimeMode() {
    return RuntimeMode.parse(runtime);
  }

  /** {@code target/lambda-image}. */
  protected Path outputDirectory() {
    return ImageRecords.inBuildDirectory(buildDirectory()).root();
  }

  /**
   * Pins base images; asks the registry only when the cache cannot answer, with the same
   * credentials as a push.
   */
  protected BaseImageResolver baseImageResolver() {
    return new BaseImageResolver(
        this::registryClient,
        registryCredentials(),
        session.isOffline(),
        session.getRequest().isUpdateSnapshots(),
        buildLog());
  }

  private String baseImage(RuntimeMode mode) {
    if (baseImage != null && !baseImage.isBlank()) {
      return baseImage.trim();
    }
    if (mode == RuntimeMode.OFFICIAL) {
      return RuntimeMode.OFFICIAL_BASE_IMAGE;
    }
    throw new InvalidConfigurationException(
        "runtime=custom needs a base image with a Java runtime: set <baseImage> or -D"
            + PropertyNames.BASE_IMAGE
            + ", e.g. -D"
            + PropertyNames.BASE_IMAGE
            + "=eclipse-temurin:21-jre.");
  }

  private Map<String, String> projectProperties() {
    Map<String, String> properties = properties();
    properties.put("project.groupId", project.getGroupId());
    properties.put("project.artifactId", project.getArtifactId());
    properties.put("project.version", project.getVersion());
    return properties;
  }
}
