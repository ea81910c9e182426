package io.github.lambdaimage.docker;

/** Receives a container's output, stdout and stderr interleaved as the engine sends them. */
public interface ContainerOutput {

  /** The next bytes of output. */
  void accept(byte[] bytes, int offset, int length);

  /** The stream ended: the container stopped or was removed. */
  void end();
}
