package io.github.lambdaimage.infra;

import io.github.lambdaimage.model.Architecture;
import java.util.Optional;

/**
 * A pushed image the function deploys: immutable (by digest) and of a known architecture.
 *
 * @param repository the repository without tag, e.g. {@code
 *     123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello}
 * @param digest the manifest digest, {@code sha256:} and 64 hex digits
 * @param architecture the image's architecture, which the function declares
 * @param source where the reference came from, for messages (a file, or "context")
 */
public record ImageReference(
    String repository, String digest, Architecture architecture, String source) {

  /** The ECR repository, when {@link #repository()} is an ECR URI. */
  public Optional<EcrRepositoryUri> ecrRepository() {
    return EcrRepositoryUri.parse(repository);
  }

  /** {@code repository@digest}. */
  public String digestReference() {
    return repository + "@" + digest;
  }
}
