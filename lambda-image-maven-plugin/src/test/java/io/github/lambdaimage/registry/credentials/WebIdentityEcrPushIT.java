package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.LocalRegistryProcess;
import io.github.lambdaimage.registry.RawRegistry;
import io.github.lambdaimage.registry.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push with an ECR token obtained through a web identity token file, through the real engine: the
 * child JVM resolves the token against the STS and ECR stand-ins, then pushes to Debian's registry
 * with htpasswd, which stands in for the ECR registry and accepts only {@code AWS} with that
 * token's password.
 */
class WebIdentityEcrPushIT {

  @TempDir Path directory;

  @Test
  void pushAuthenticatesWithTheTokenFromTheWebIdentity() throws Exception {
    try (LocalRegistryProcess registry =
            LocalRegistryProcess.startWithHtpasswd(
                directory.resolve("registry"), "AWS", AwsStandIn.ECR_PASSWORD);
        DockerEngine engine = DockerEngine.connect();
        TestImages images = new TestImages(engine.client());
        AwsStandIn sts = AwsStandIn.sts();
        AwsStandIn ecr = AwsStandIn.ecr()) {
      String path = RawRegistry.uniqueRepository("web-identity");
      Path target = directory.resolve("target");
      ImageRecords records = ImageRecords.inBuildDirectory(target);
      records.write(images.tiny(Architecture.AMD64, registry.address() + "/" + path, "1"));

      WebIdentityChildProcess.Result child =
          WebIdentityChildProcess.run(directory, sts, ecr, "push", target.toString());

      WebIdentityChildProcess.assertTokenCameFromTheWebIdentity(child, sts, ecr);
      ImageRecord pushed = records.read(Architecture.AMD64);
      RawRegistry.Served served =
          new RawRegistry(registry.address(), "AWS", AwsStandIn.ECR_PASSWORD).manifest(path, "1");
      assertThat(pushed.digest()).isEqualTo(served.digestHeader());
      assertThat(child.output()).contains("pushed " + pushed.repository() + "@" + pushed.digest());
    }
  }
}
