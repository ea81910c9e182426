package io.github.lambdaimage.docker;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds what the engine has under an image reference: through the lightweight {@link EngineProbe}
 * where the endpoint allows it, else through docker-java.
 */
public final class ImageLookup {

  private final Optional<EngineProbe> probe;
  private final Supplier<DockerEngine> engine;

  /**
   * @param endpoint the engine's address
   * @param engine the docker-java connection, asked for only when the probe cannot be used
   */
  public ImageLookup(EngineEndpoint endpoint, Supplier<DockerEngine> engine) {
    this.probe = EngineProbe.forEndpoint(endpoint);
    this.engine = engine;
  }

  /** The image {@code reference}, if the engine has it. */
  public Optional<ImageState> find(String reference) {
    if (probe.isPresent()) {
      return probe.get().inspect(reference);
    }
    return new DockerImages(engine.get()).inspect(reference).map(DockerImages::state);
  }
}
