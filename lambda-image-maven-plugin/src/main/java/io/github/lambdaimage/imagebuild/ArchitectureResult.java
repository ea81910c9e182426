package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.model.ImageRecord;

/**
 * The outcome of one architecture's build.
 *
 * @param record the image's record, as written to {@code image.json}
 * @param upToDate true when an image of the same inputs existed and nothing was built
 * @param elapsedMillis the time this architecture took in the plugin
 */
public record ArchitectureResult(ImageRecord record, boolean upToDate, long elapsedMillis) {

  /** {@code amd64 built 5321 ms} or {@code arm64 up to date 41 ms}, for the summary line. */
  public String summary() {
    return record.architecture() + (upToDate ? " up to date " : " built ") + elapsedMillis + " ms";
  }
}
