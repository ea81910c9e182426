package io.github.lambdaimage.registry;

import java.util.List;

/** The manifest media types of the registry v2 API this plugin reads, and what each one is. */
public final class MediaTypes {

  /** A single-platform Docker image manifest. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** A Docker manifest list: one manifest per platform. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** A single-platform OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** An OCI image index: one manifest per platform, possibly attestations. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Every type the client accepts, in the order of preference sent in {@code Accept}. */
  public static final List<String> ACCEPTED =
      List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX);

  private MediaTypes() {}

  /** True for a manifest list or an image index, which point to per-platform manifests. */
  public static boolean isIndex(String mediaType) {
    return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
  }

  /**
   * True for a single-platform image manifest (Docker v2 schema 2 or OCI), the only kind Lambda
   * accepts.
   */
  public static boolean isImageManifest(String mediaType) {
    return DOCKER_MANIFEST.equals(mediaType) || OCI_MANIFEST.equals(mediaType);
  }

  /** The {@code Accept} header value asking for every supported manifest type. */
  public static String acceptHeader() {
    return String.join(", ", ACCEPTED);
  }
}
