package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.registry.RegistryStandIn;
import io.github.lambdaimage.registry.RegistryStandIn.Received;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECR with a web identity token, as on an EKS service account or with a CI's OIDC token, end to end
 * against loopback stand-ins: the SDK, loaded from its jars as the plugin loads it, reads {@code
 * AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}, asks the STS stand-in ({@code
 * AWS_ENDPOINT_URL_STS}) for temporary credentials, signs {@code GetAuthorizationToken} to the ECR
 * stand-in ({@code AWS_ENDPOINT_URL_ECR}) with them, and the resulting token opens the registry.
 * The SDK reads that environment only from a process's own environment, so the push's credential
 * resolution runs in a child JVM ({@link WebIdentityTokenChild}).
 */
class WebIdentityEcrTokenTest {

  private static final String ECR_HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  private static final String ROLE = "arn:aws:iam::123456789012:role/pusher";
  private static final String WEB_IDENTITY_TOKEN = "eyJ.stand-in-oidc-token.sig";

  @TempDir Path directory;

  @Test
  void webIdentityTokenFileGivesAnEcrTokenThatAuthenticatesToTheRegistry()
      throws IOException, InterruptedException {
    Path tokenFile = directory.resolve("web-identity-token");
    Files.writeString(tokenFile, WEB_IDENTITY_TOKEN);
    try (AwsStandIn sts = AwsStandIn.sts();
        AwsStandIn ecr = AwsStandIn.ecr();
        RegistryStandIn registry =
            RegistryStandIn.start().requireBasic("AWS", AwsStandIn.ECR_PASSWORD)) {
      Map<String, String> environment =
          Map.of(
              "AWS_WEB_IDENTITY_TOKEN_FILE",
              tokenFile.toString(),
              "AWS_ROLE_ARN",
              ROLE,
              "AWS_ROLE_SESSION_NAME",
              "lambda-image-test",
              "AWS_REGION",
              "eu-west-1",
              "AWS_ENDPOINT_URL_STS",
              sts.endpoint().toString(),
              "AWS_ENDPOINT_URL_ECR",
              ecr.endpoint().toString());

      ChildResult child = runChild(environment, registry.address() + "/team/app:1");

      assertThat(child.exitCode()).as(child.output()).isZero();
      assertThat(sts.requests())
          .containsExactly(
              "AssumeRoleWithWebIdentity " + ROLE + " lambda-image-test " + WEB_IDENTITY_TOKEN);
      assertThat(ecr.requests()).hasSize(1);
      assertThat(ecr.requests().get(0))
          .startsWith("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken AWS4-HMAC-SHA256")
          .contains("Credential=" + AwsStandIn.TEMPORARY_ACCESS_KEY + "/")
          .contains("/eu-west-1/ecr/aws4_request")
          .endsWith(" token=" + AwsStandIn.SESSION_TOKEN);
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("AWS:" + AwsStandIn.ECR_PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertThat(registry.received()).extracting(Received::authorization).endsWith(basic);
      assertThat(child.output())
          .contains(
              "[INFO] Registry "
                  + ECR_HOST
                  + ": using user 'AWS' from Amazon ECR GetAuthorizationToken (AWS default"
                  + " credentials chain, region eu-west-1).")
          .contains("read " + registry.address() + "/team/app:1 as sha256:");
    }
  }

  private record ChildResult(int exitCode, String output) {}

  /**
   * Runs {@link WebIdentityTokenChild} with this JVM's class path minus the AWS SDK (the plugin's
   * class path has none), the SDK's jars as its argument, and an environment holding no AWS setting
   * but {@code environment}: no home directory profiles, no instance metadata.
   */
  private ChildResult runChild(Map<String, String> environment, String image)
      throws IOException, InterruptedException {
    List<Path> sdkJars = EcrCredentialsTest.classPathJarsOf("software.amazon");
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (sdkJars.stream().noneMatch(jar -> jar.toString().equals(entry))) {
        classPath.add(entry);
      }
    }
    Path home = Files.createDirectories(directory.resolve("home"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-cp",
                String.join(File.pathSeparator, classPath),
                WebIdentityTokenChild.class.getName(),
                sdkJars.stream()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)),
                ECR_HOST,
                image)
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
    builder.environment().put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    builder
        .environment()
        .put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("The child JVM did not end: " + output);
    }
    return new ChildResult(process.exitValue(), output);
  }
}
