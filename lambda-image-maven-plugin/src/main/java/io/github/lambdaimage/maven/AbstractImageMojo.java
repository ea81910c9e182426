package io.github.lambdaimage.maven;

import io.github.lambdaimage.build.BaseImageResolver;
import io.github.lambdaimage.build.ImageLabels;
import io.github.lambdaimage.build.ImageSettings;
import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.render.RuntimeMode;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugins.annotations.Parameter;

/** The configuration shared by the goals that render and build images. */
abstract class AbstractImageMojo extends AbstractLambdaImageMojo {

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
   * The image repository (without tag), e.g. {@code
   * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello}.
   */
  @Parameter(property = PropertyNames.IMAGE_REPOSITORY, defaultValue = "${project.artifactId}")
  private String repository;

  /**
   * The image tag before the architecture suffix: each image is tagged {@code <tag>-<arch>}, e.g.
   * {@code 1.0.0-arm64}, so the images of several architectures never share a tag.
   */
  @Parameter(property = PropertyNames.IMAGE_TAG, defaultValue = "${project.version}")
  private String tag;

  /**
   * The directory of the Dockerfile template. {@code Dockerfile.<arch>} there is used for that
   * architecture, else {@code Dockerfile}, else the built-in template of the runtime mode. The
   * template is rendered once per architecture to {@code target/lambda-image/<arch>/context/}.
   *
   * <p>Placeholders are written {@code @name@}: {@code @lambda.arch@} ({@code amd64}), {@code
   * @lambda.platform@} ({@code linux/amd64}), {@code @lambda.lambdaArchitecture@} ({@code
   * x86_64}), {@code @lambda.baseImage@} (pinned, {@code repo@sha256:…}), {@code @lambda.handler@},
   * {@code @lambda.runtime@}, {@code @lambda.runtimeLayer@} and {@code @lambda.entrypoint@} (the
   * runtime mode's lines: a comment in {@code official} mode; the runtime client's {@code COPY}
   * and the java {@code ENTRYPOINT} in {@code custom} mode), and every project property. An
   * unknown name or a value with a line break fails the build; {@code ${VAR}} and {@code $VAR}
   * stay as written. The build context holds {@code lib/} (dependency jars, for {@code
   * /var/task/lib/}), {@code app/} (the module's jar under {@code lib/}, for {@code /var/task/})
   * and, in {@code custom} mode, {@code runtime/} (for {@code /var/runtime/lib/}).
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/docker")
  private File templateDirectory;

  /** Values for the Dockerfile's {@code ARG} instructions. */
  @Parameter private Map<String, String> buildArgs;

  /** The image label {@code org.opencontainers.image.source}: where the source code lives. */
  @Parameter(defaultValue = "${project.scm.url}")
  private String sourceUrl;

  /**
   * The image label {@code org.opencontainers.image.revision}: the source revision, e.g. a commit.
   */
  @Parameter(property = "lambda.image.revision")
  private String revision;

  /** The settings every architecture's image is built from. */
  protected ImageSettings imageSettings(ContextInputs inputs) {
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
        labels(),
        buildArgs == null ? Map.of() : buildArgs,
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

  /** Pins base images; asks the registry only when the cache cannot answer. */
  protected BaseImageResolver baseImageResolver() {
    return new BaseImageResolver(
        () -> new RegistryClient(RegistryCredentialProvider.anonymous(), buildLog()),
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

  private Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put(ImageLabels.VERSION, project.getVersion());
    String source = sourceUrl != null ? sourceUrl : project.getUrl();
    if (source != null && !source.isBlank()) {
      labels.put(ImageLabels.SOURCE, source);
    }
    if (revision != null && !revision.isBlank()) {
      labels.put(ImageLabels.REVISION, revision);
    }
    return labels;
  }

  private Map<String, String> projectProperties() {
    Map<String, String> properties = new TreeMap<>();
    project
        .getProperties()
        .stringPropertyNames()
        .forEach(name -> properties.put(name, project.getProperties().getProperty(name)));
    properties.put("project.groupId", project.getGroupId());
    properties.put("project.artifactId", project.getArtifactId());
    properties.put("project.version", project.getVersion());
    return properties;
  }
}
