package io.github.lambdaimage.imagebuild;

/** The label keys the plugin sets on every image. */
public final class ImageLabels {

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
}
