package io.github.lambdaimage.infra;

import java.util.Objects;

/** What the registry stack creates: the ECR repository's name and how many images it keeps. */
public final class RegistryStackProps {

  /** The repository name used when none is configured. */
  public static final String DEFAULT_REPOSITORY_NAME = "hello";

  /** How many images the lifecycle rule keeps when nothing else is configured. */
  public static final int DEFAULT_KEEP_IMAGES = 20;

  private final String repositoryName;
  private final int keepImages;

  private RegistryStackProps(Builder builder) {
    this.repositoryName = Objects.requireNonNull(builder.repositoryName, "repositoryName");
    this.keepImages = builder.keepImages;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ECR repository's name, e.g. {@code hello}. */
  public String repositoryName() {
    return repositoryName;
  }

  /** How many images the lifecycle rule keeps; older ones expire. */
  public int keepImages() {
    return keepImages;
  }

  /** Builds {@link RegistryStackProps}. */
  public static final class Builder {
    private String repositoryName = DEFAULT_REPOSITORY_NAME;
    private int keepImages = DEFAULT_KEEP_IMAGES;

    private Builder() {}

    /** The ECR repository's name. */
    public Builder repositoryName(String repositoryName) {
      this.repositoryName = repositoryName;
      return this;
    }

    /** How many images to keep, at least 1. */
    public Builder keepImages(int keepImages) {
      if (keepImages < 1) {
        throw new IllegalArgumentException("keepImages must be at least 1, was " + keepImages);
      }
      this.keepImages = keepImages;
      return this;
    }

    /** The props. */
    public RegistryStackProps build() {
      return new RegistryStackProps(this);
    }
  }
}
