package io.github.lambdaimage.maven;

import io.github.lambdaimage.invoke.FunctionSettings;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.model.MissingImageRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The function configuration shared by the goals that run built images: invoke, start. */
abstract class AbstractFunctionMojo extends AbstractLambdaImageMojo {

  /**
   * The function timeout in seconds (1 to 900). The runtime's deadline follows it; an invocation
   * that takes longer fails the build (invoke) or is answered with Lambda's timeout error (the
   * endpoint of start). The default is higher than Lambda's 3 s because a cold JVM under emulation
   * starts slowly.
   */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "30")
  private int timeout;

  /** The function's memory size in MB (128 to 10240); also the container's memory limit. */
  @Parameter(property = PropertyNames.MEMORY_SIZE, defaultValue = "512")
  private int memorySize;

  /** The function name the runtime sees ({@code AWS_LAMBDA_FUNCTION_NAME}, the function ARN). */
  @Parameter(property = PropertyNames.FUNCTION_NAME, defaultValue = "${project.artifactId}")
  private String functionName;

  /** The AWS region the runtime sees ({@code AWS_REGION}, the function ARN). */
  @Parameter(property = PropertyNames.REGION, defaultValue = FunctionSettings.DEFAULT_REGION)
  private String region;

  /** The configured function settings, validated. */
  protected FunctionSettings functionSettings() {
    return new FunctionSettings(functionName, memorySize, region, Duration.ofSeconds(timeout));
  }

  /** The image records of {@code architectures}, written by lambda-image:build. */
  protected List<ImageRecord> readRecords(List<Architecture> architectures)
      throws MojoFailureException {
    ImageRecords records = ImageRecords.inBuildDirectory(buildDirectory());
    List<ImageRecord> images = new ArrayList<>();
    for (Architecture architecture : architectures) {
      try {
        images.add(records.read(architecture));
      } catch (MissingImageRecordException e) {
        throw new MojoFailureException(
            "No "
                + architecture
                + " image to "
                + (goal().equals("invoke") ? "invoke" : "run")
                + ": "
                + e.getMessage()
                + " lambda-image:"
                + goal()
                + " runs after lambda-image:build in the same build.",
            e);
      }
    }
    return images;
  }
}
