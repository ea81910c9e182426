package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.log.RecordingLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the real engine: an image whose entrypoint the kernel cannot execute, which is what an image
 * of a foreign architecture is on a host without emulation for it.
 */
class UnrunnableImageEngineIT {

  @Test
  void failsWithExecFormatErrorAndSaysHowToEnableEmulation() throws Exception {
    String functionName = "invoke-test-unrunnable";
    try (DockerEngine engine = TestEngines.plain();
        DockerClient docker = TestEngines.dockerJavaClient();
        TestImages images = new TestImages(docker)) {
      ImageRecord foreign = images.unrunnable(Architecture.ARM64);
      FunctionSettings settings =
          new FunctionSettings(functionName, 128, "eu-west-1", Duration.ofSeconds(5));

      assertThatThrownBy(
              () ->
                  new FunctionInvoker(engine, new RecordingLog())
                      .invoke(foreign, settings, List.of(InvocationEvents.DEFAULT)))
          .isInstanceOf(EnvironmentException.class)
          .hasMessageStartingWith(
              "The arm64 image cannot run on this "
                  + engine.info().architecture()
                  + " Docker Engine: starting it failed with 'exec format error' (")
          .hasMessageContaining(
              "Enable QEMU through binfmt_misc: on a Docker host run `docker run --privileged --rm"
                  + " tonistiigi/binfmt --install arm64`; on Debian or Ubuntu `sudo apt-get install"
                  + " qemu-user-static binfmt-support`.");
      assertThat(TestImages.containersOf(docker, functionName)).isEmpty();
    }
  }
}
