package io.github.lambdaimage.registry;

import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.model.Architecture;
import java.util.Map;

/**
 * The platform of an image, as an index entry or an image config states it.
 *
 * @param os e.g. {@code linux}; {@code unknown} for attestation entries
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, or {@code null}
 */
public record Platform(String os, String architecture, String variant) {

  /** Reads {@code os}, {@code architecture} and {@code variant} from a platform or config node. */
  public static Platform of(Map<String, Object> node) {
    return new Platform(
        JsonText.text(node.get("os")),
        JsonText.text(node.get("architecture")),
        JsonText.text(node.get("variant")));
  }

  /**
   * True when this is {@code linux/<architecture>}. The default variant counts as a match: {@code
   * v8} for arm64, {@code v1} for amd64.
   */
  public boolean matches(Architecture wanted) {
    if (!"linux".equals(os) || !wanted.dockerName().equals(architecture)) {
      return false;
    }
    String defaultVariant = wanted == Architecture.ARM64 ? "v8" : "v1";
    return variant == null || variant.isEmpty() || variant.equals(defaultVariant);
  }

  /** True for the {@code unknown/unknown} entries that carry build attestations, not an image. */
  public boolean isAttestation() {
    return "unknown".equals(os) && "unknown".equals(architecture);
  }

  /** {@code os/architecture[/variant]}, as Docker writes platforms. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
  }
}
