package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inspects the test environment's amd64 base image on the real engine. */
class ImageVerifierIT {

  static final String BASE =
      System.getProperty("lambda.test.registry", "127.0.0.1:5000")
          + "/lambda-image-test/java-base:17-amd64";

  static DockerEngine engine;
  static ImageVerifier verifier;
  static String baseId;

  @BeforeAll
  static void connect() {
    engine = TestEngines.plain();
    baseId =
        engine
            .inspect(BASE)
            .orElseThrow(
                () -> new IllegalStateException(BASE + " is missing: run scripts/env-up.sh"))
            .id();
    verifier = new ImageVerifier(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void architectureOtherThanRequestedFailsNamingBothAndTheBase() {
    assertThatThrownBy(() -> verifier.verify(baseId, Architecture.ARM64, "a.B::c", BASE))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith(
            "The image built for linux/arm64 reports linux/amd64 (base image "
                + BASE
                + " reports linux/amd64). The engine did not honour the platform;");
  }

  @Test
  void imageThatDoesNotStartTheHandlerFailsNamingItsStartup() {
    assertThatThrownBy(() -> verifier.verify(baseId, Architecture.AMD64, "a.B::c", BASE))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("The image built for linux/amd64 does not start handler a.B::c:")
        .hasMessageEndingWith("End the Dockerfile template with CMD [\"@lambda.handler@\"].");
  }

  @Test
  void missingImageIsAnEnvironmentFault() {
    String absent = "sha256:" + "0".repeat(64);

    assertThat(engine.inspect(absent)).isEmpty();
    assertThatThrownBy(() -> verifier.verify(absent, Architecture.AMD64, "a.B::c", BASE))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage("The built image " + absent + " has disappeared");
  }
}
