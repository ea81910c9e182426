package io.github.lambdaimage.infra;

import io.github.lambdaimage.cdk.LambdaImageCode;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;

/**
 * What the function stack deploys: the prebuilt image, the function's settings, and the name of the
 * ECR repository to pull from when the image's repository is not an ECR URI (a local test registry,
 * for instance).
 */
public final class FunctionStackProps {

  /** Memory in MiB when none is configured. */
  public static final int DEFAULT_MEMORY = 512;

  /** Timeout in seconds when none is configured. */
  public static final int DEFAULT_TIMEOUT = 30;

  private final LambdaImageCode image;
  private final String fallbackRepositoryName;
  private final int memorySize;
  private final int timeoutSeconds;
  private final boolean activeTracing;
  private final FunctionUrlAuthType urlAuthType;

  private FunctionStackProps(Builder builder) {
    this.image = Objects.requireNonNull(builder.image, "image");
    this.fallbackRepositoryName =
        Objects.requireNonNull(builder.fallbackRepositoryName, "fallbackRepositoryName");
    this.memorySize = builder.memorySize;
    this.timeoutSeconds = builder.timeoutSeconds;
    this.activeTracing = builder.activeTracing;
    this.urlAuthType = builder.urlAuthType;
  }

  /** A builder with the defaults; {@code image} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The image the function runs, by digest. */
  public LambdaImageCode image() {
    return image;
  }

  /**
   * The ECR repository (in the stack's own account and region) to pull from when {@link #image()}
   * is not in ECR; normally the registry stack's repository.
   */
  public String fallbackRepositoryName() {
    return fallbackRepositoryName;
  }

  /** Memory in MiB. */
  public int memorySize() {
    return memorySize;
  }

  /** Timeout in seconds. */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** Whether X-Ray tracing is active. */
  public boolean activeTracing() {
    return activeTracing;
  }

  /** The Function URL's auth type. */
  public FunctionUrlAuthType urlAuthType() {
    return urlAuthType;
  }

  /** Builds {@link FunctionStackProps}. */
  public static final class Builder {
    private LambdaImageCode image;
    private String fallbackRepositoryName = RegistryStackProps.DEFAULT_REPOSITORY_NAME;
    private int memorySize = DEFAULT_MEMORY;
    private int timeoutSeconds = DEFAULT_TIMEOUT;
    private boolean activeTracing;
    private FunctionUrlAuthType urlAuthType = FunctionUrlAuthType.AWS_IAM;

    private Builder() {}

    /** The image the function runs. */
    public Builder image(LambdaImageCode image) {
      this.image = image;
      return this;
    }

    /** The ECR repository to pull from when the image's repository is not an ECR URI. */
    public Builder fallbackRepositoryName(String fallbackRepositoryName) {
      this.fallbackRepositoryName = fallbackRepositoryName;
      return this;
    }

    /** Memory in MiB (128 to 10240). */
    public Builder memorySize(int memorySize) {
      this.memorySize = memorySize;
      return this;
    }

    /** Timeout in seconds (1 to 900). */
    public Builder timeoutSeconds(int timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      return this;
    }

    /** Whether X-Ray tracing is active; off by default. */
    public Builder activeTracing(boolean activeTracing) {
      this.activeTracing = activeTracing;
      return this;
    }

    /** The Function URL's auth type; {@code AWS_IAM} by default. */
    public Builder urlAuthType(FunctionUrlAuthType urlAuthType) {
      this.urlAuthType = Objects.requireNonNull(urlAuthType, "urlAuthType");
      return this;
    }

    /** The props. */
    public FunctionStackProps build() {
      return new FunctionStackProps(this);
    }
  }
}
