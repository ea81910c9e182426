package io.github.lambdaimage.model;

import java.nio.file.Path;

/** An {@code image.json} or {@code images.json} that was expected but does not exist. */
public class MissingImageRecordException extends RuntimeException {
  private final Path file;

  /** The record at {@code file} does not exist. */
  public MissingImageRecordException(Path file) {
    super(
        "No image record at "
            + file
            + "; build the image first, e.g. ./mvnw package -Dlambda.arch=<arch>.");
    this.file = file;
  }

  /** The file that was missing. */
  public Path file() {
    return file;
  }
}
