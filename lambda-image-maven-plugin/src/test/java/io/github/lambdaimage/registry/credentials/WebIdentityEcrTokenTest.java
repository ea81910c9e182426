package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.registry.RegistryStandIn;
import io.github.lambdaimage.registry.RegistryStandIn.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECR with a web identity token, as on an EKS service account or with a CI's OIDC token, end to end
 * against loopback stand-ins: the SDK, loaded from its jars as the plugin loads it, reads {@code
 * AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}, asks the STS stand-in ({@code
 * AWS_ENDPOINT_URL_STS}) for temporary credentials, signs {@code GetAuthorizationToken} to the ECR
 * stand-in ({@code AWS_ENDPOINT_URL_ECR}) with them, and the resulting token opens the registry.
 * The SDK reads that environment only from a process's own environment, so the credential
 * resolution runs in a child JVM ({@link WebIdentityChildProcess}); the push through the engine
 * with such a token is {@code WebIdentityEcrPushIT}.
 */
class WebIdentityEcrTokenTest {

  @TempDir Path directory;

  @Test
  void webIdentityTokenFileGivesAnEcrTokenThatAuthenticatesToTheRegistry()
      throws IOException, InterruptedException {
    try (AwsStandIn sts = AwsStandIn.sts();
        AwsStandIn ecr = AwsStandIn.ecr();
        RegistryStandIn registry =
            RegistryStandIn.start().requireBasic("AWS", AwsStandIn.ECR_PASSWORD)) {
      String image = registry.address() + "/team/app:1";

      WebIdentityChildProcess.Result child =
          WebIdentityChildProcess.run(directory, sts, ecr, "read", image);

      WebIdentityChildProcess.assertTokenCameFromTheWebIdentity(child, sts, ecr);
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("AWS:" + AwsStandIn.ECR_PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertThat(registry.received()).extracting(Received::authorization).endsWith(basic);
      assertThat(child.output()).contains("read " + image + " as sha256:");
    }
  }
}
