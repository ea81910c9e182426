package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@link WebIdentityTokenChild} in a JVM of its own, as a CI job with a web identity token
 * runs Maven: this JVM's class path minus the AWS SDK (the plugin's class path has none), the SDK's
 * jars as an argument, and an environment with no AWS setting but a web identity token file, a
 * role, a region and the endpoint overrides of STS and ECR (their stand-ins); no home directory
 * profiles, no instance metadata.
 */
public final class WebIdentityChildProcess {

  /** The ECR registry whose token the child asks for. */
  public static final String ECR_HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

  static final String ROLE = "arn:aws:iam::123456789012:role/pusher";
  static final String WEB_IDENTITY_TOKEN = "eyJ.stand-in-oidc-token.sig";

  /** The child's exit code and output. */
  public record Result(int exitCode, String output) {}

  private WebIdentityChildProcess() {}

  /**
   * Runs the child in {@code directory} with {@code arguments} after the SDK's jars and {@link
   * #ECR_HOST}.
   */
  public static Result run(Path directory, AwsStandIn sts, AwsStandIn ecr, String... arguments)
      throws IOException, InterruptedException {
    Path tokenFile = directory.resolve("web-identity-token");
    Files.writeString(tokenFile, WEB_IDENTITY_TOKEN);
    List<Path> sdkJars = EcrCredentialsTest.classPathJarsOf("software.amazon");
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (sdkJars.stream().noneMatch(jar -> jar.toString().equals(entry))) {
        classPath.add(entry);
      }
    }
    Path home = Files.createDirectories(directory.resolve("home"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-cp",
                String.join(File.pathSeparator, classPath),
                WebIdentityTokenChild.class.getName(),
                sdkJars.stream()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)),
                ECR_HOST));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.put("HOME", home.toString());
    environment.put("DOCKER_CONFIG", home.resolve(".docker").toString());
    environment.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
    environment.put("AWS_ROLE_ARN", ROLE);
    environment.put("AWS_ROLE_SESSION_NAME", "lambda-image-test");
    environment.put("AWS_REGION", "eu-west-1");
    environment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    environment.put("AWS_ENDPOINT_URL_ECR", ecr.endpoint().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("The child JVM did not end: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  /**
   * Asserts that the child succeeded, exchanged the web identity token at STS for temporary
   * credentials, signed {@code GetAuthorizationToken} with them and used the ECR token.
   */
  public static void assertTokenCameFromTheWebIdentity(
      Result child, AwsStandIn sts, AwsStandIn ecr) {
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
    assertThat(child.output())
        .contains(
            "[INFO] Registry "
                + ECR_HOST
                + ": using user 'AWS' from Amazon ECR GetAuthorizationToken (AWS default"
                + " credentials chain, region eu-west-1).");
  }
}
