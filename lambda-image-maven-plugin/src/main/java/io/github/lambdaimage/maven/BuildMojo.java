package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.context.LibraryJar;
import io.github.lambdaimage.imagebuild.ArchitectureResult;
import io.github.lambdaimage.imagebuild.ImageLabels;
import io.github.lambdaimage.imagebuild.LambdaImageBuilder;
import io.github.lambdaimage.model.Architecture;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the module's Lambda container image for each architecture in {@code lambda.arch}: renders
 * a single-platform Dockerfile, assembles a context of only the module's jar, its runtime
 * dependencies (and the runtime interface client in {@code custom} mode), builds it on the Docker
 * Engine with that platform, checks the built image's architecture, tags it {@code
 * <repository>:<tag>-<arch>} and writes {@code target/lambda-image/<arch>/image.json}; {@code
 * target/lambda-image/images.json} then lists the architectures of this build only. An image with
 * the same inputs under that tag is reused ("up to date").
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractImageMojo {

  /** Skips the build goal. */
  @Parameter(property = PropertyNames.SKIP_BUILD, defaultValue = "false")
  private boolean skipBuild;

  /**
   * The version of {@code com.amazonaws:aws-lambda-java-runtime-interface-client} added to {@code
   * custom} runtime images. Default: the version this plugin was built with.
   */
  @Parameter(property = PropertyNames.RUNTIME_INTERFACE_CLIENT_VERSION)
  private String runtimeInterfaceClientVersion;

  /**
   * Build several architectures at the same time; {@code false} builds those on one engine one by
   * one (architectures on different engines, see {@code dockerHosts}, still build at the same
   * time).
   */
  @Parameter(property = PropertyNames.BUILD_PARALLEL, defaultValue = "true")
  private boolean parallel;

  /**
   * Build the dependency jars (and the runtime interface client) into an image of their own, {@code
   * lambda-image-dependencies/<name>:<hash>-<arch>}, reused while they do not change, and the image
   * from it with only the code: a code change then sends only the code to the engine. Applies when
   * the Dockerfile template ends with {@code COPY app/ …}; {@code false} builds one image from the
   * whole context.
   */
  @Parameter(property = PropertyNames.BUILD_SPLIT_DEPENDENCIES, defaultValue = "true")
  private boolean splitDependencies;

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
   * Free-form image labels, e.g. {@code <labels><com.example.team>payments</com.example.team>
   * </labels>}. They are set after the {@code org.opencontainers.image.*} labels the plugin
   * derives, so they may override those; keys starting with {@code io.github.lambdaimage.} are the
   * plugin's and refused.
   */
  @Parameter private Map<String, String> labels;

  /** Values for the Dockerfile's {@code ARG} instructions. */
  @Parameter private Map<String, String> buildArgs;

  /** The image label {@code org.opencontainers.image.source}: where the source code lives. */
  @Parameter(defaultValue = "${project.scm.url}")
  private String sourceUrl;

  /**
   * The image label {@code org.opencontainers.image.revision}: the source revision, e.g. a commit.
   */
  @Parameter(property = PropertyNames.IMAGE_REVISION)
  private String revision;

  @Override
  protected String goalSkipReason() {
    if (skipBuild) {
      return PropertyNames.SKIP_BUILD + " is true";
    }
    return "pom".equals(project.getPackaging())
        ? "a pom module has no code to put in an image"
        : null;
  }

  @Override
  protected void execute(List<Architecture> architectures) {
    long start = System.nanoTime();
    ContextInputs inputs =
        new ContextInputs(
            LibraryJar.byFileName(ProjectJars.runtimeDependencies(project)),
            ProjectJars.application(project),
            runtimeMode().addsRuntimeInterfaceClient()
                ? LibraryJar.byFileName(runtimeInterfaceClient())
                : Map.of());
    List<ArchitectureResult> results =
        new LambdaImageBuilder(
                engines(), baseImageResolver(), buildLog(), parallel, splitDependencies)
            .build(
                imageSettings(
                    inputs,
                    repository,
                    tag,
                    imageLabels(),
                    buildArgs == null ? Map.of() : buildArgs),
                architectures);
    getLog()
        .info(
            "lambda-image:build took "
                + (System.nanoTime() - start) / 1_000_000
                + " ms ("
                + results.stream()
                    .map(ArchitectureResult::summary)
                    .collect(Collectors.joining(", "))
                + ")");
  }

  private List<LibraryJar> runtimeInterfaceClient() {
    String version =
        runtimeInterfaceClientVersion != null
            ? runtimeInterfaceClientVersion
            : RuntimeInterfaceClient.defaultVersion();
    return RuntimeInterfaceClient.resolve(repositorySystem, session, project, version);
  }

  private Map<String, String> imageLabels() {
    Map<String, String> all = new TreeMap<>();
    all.put(ImageLabels.VERSION, project.getVersion());
    String source = sourceUrl != null ? sourceUrl : project.getUrl();
    if (source != null && !source.isBlank()) {
      all.put(ImageLabels.SOURCE, source);
    }
    if (revision != null && !revision.isBlank()) {
      all.put(ImageLabels.REVISION, revision);
    }
    all.putAll(ImageLabels.userLabels(this.labels));
    return all;
  }
}
