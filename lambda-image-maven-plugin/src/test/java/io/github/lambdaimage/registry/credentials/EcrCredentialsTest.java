package io.github.lambdaimage.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class EcrCredentialsTest {

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com, 123456789012, eu-west-1",
    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, 123456789012, us-gov-west-1",
    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com, 123456789012, us-east-1",
    "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, 123456789012, cn-north-1",
  })
  void parsesAccountAndRegionFromEcrHosts(String host, String account, String region) {
    assertThat(EcrRegistryHost.parse(host)).contains(new EcrRegistryHost(host, account, region));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "127.0.0.1:5000",
    "public.ecr.aws",
    "12345678901.dkr.ecr.eu-west-1.amazonaws.com",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example",
    "123456789012.dkr.ecr.eu-west-1.example.com",
  })
  void otherHostsAreNotEcr(String host) {
    assertThat(EcrRegistryHost.parse(host)).isEmpty();
  }

  @Test
  void decodesTheTokenIntoUserAwsAndPassword() {
    RegistryCredentials credentials =
        EcrCredentials.decode(base64("AWS:eyJwYXlsb2FkIjoi:x"), "ecr");

    assertThat(credentials.username()).isEqualTo("AWS");
    assertThat(credentials.password()).isEqualTo("eyJwYXlsb2FkIjoi:x");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'%%%', ecr returned a token that is not base64.",
    "QVdT, ecr returned a token that is not user:password.",
    "QVdTOg==, ecr returned a token that is not user:password.",
  })
  void rejectsMalformedTokens(String token, String message) {
    assertThatThrownBy(() -> EcrCredentials.decode(token, "ecr"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(message);
  }

  @Test
  void asksOnlyForEcrHostsAndUsesTheHostsRegion() {
    List<EcrRegistryHost> asked = new ArrayList<>();
    EcrCredentials credentials =
        new EcrCredentials(
            host -> {
              asked.add(host);
              return base64("AWS:pw");
            },
            "test credentials");

    assertThat(credentials.credentialsFor("127.0.0.1:5000")).isEmpty();
    RegistryCredentials found =
        credentials.credentialsFor("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();

    assertThat(asked).extracting(EcrRegistryHost::region).containsExactly("eu-west-1");
    assertThat(found.source())
        .isEqualTo("Amazon ECR GetAuthorizationToken (test credentials, region eu-west-1)");
    assertThat(credentials.searchedSources("127.0.0.1:5000")).isEmpty();
  }

  @Test
  void failureToGetATokenSaysWhatToProvide() {
    EcrCredentials credentials =
        new EcrCredentials(
            host -> {
              throw new IllegalStateException("Unable to load credentials from any provider.");
            },
            "AWS default credentials chain");

    assertThatThrownBy(
            () -> credentials.credentialsFor("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage(
            "Cannot get an Amazon ECR token for 123456789012.dkr.ecr.eu-west-1.amazonaws.com"
                + " (GetAuthorizationToken in eu-west-1 with the AWS default credentials chain):"
                + " Unable to load credentials from any provider. Provide AWS credentials"
                + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a role), or add a"
                + " <server> with <id>123456789012.dkr.ecr.eu-west-1.amazonaws.com</id> to"
                + " ~/.m2/settings.xml.");
  }

  static void assertEcrPasswordFetchedWith(
      Optional<RegistryCredentials> found, List<String> requests, String accessKey) {
    assertThat(found).get().extracting(RegistryCredentials::username).isEqualTo("AWS");
    assertThat(found)
        .get()
        .extracting(RegistryCredentials::password)
        .isEqualTo(AwsStandIn.ECR_PASSWORD);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken AWS4-HMAC-SHA256")
        .contains("Credential=" + accessKey + "/")
        .contains("/ap-southeast-2/ecr/aws4_request");
  }

  /**
   * The SDK path against the stand-in: proves the operation, the signing region taken from the
   * host, and the token decoding.
   */
  @Test
  void sdkCallsGetAuthorizationTokenSignedForTheHostsRegion() {
    try (AwsStandIn ecr = AwsStandIn.ecr()) {
      AwsSdkEcrTokens tokens =
          new AwsSdkEcrTokens(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
              ecr.endpoint());
      EcrCredentials credentials = new EcrCredentials(tokens, "static test credentials");

      Optional<RegistryCredentials> found =
          credentials.credentialsFor("123456789012.dkr.ecr.ap-southeast-2.amazonaws.com");

      assertEcrPasswordFetchedWith(found, ecr.requests(), "AKIDTEST");
    }
  }

  /**
   * The plugin's class path has no AWS SDK: the loader resolves its jars on the first token only
   * and loads the SDK next to them, under a parent that cannot see it (as the plugin's cannot).
   */
  @Test
  void sdkIsLoadedFromItsJarsOnTheFirstTokenOnly() {
    List<Path> sdkJars = classPathJarsOf("software.amazon");
    assertThat(sdkJars).isNotEmpty();
    ClassLoader withoutSdk = new HidingClassLoader(getClass().getClassLoader(), "software.amazon.");
    assertThatThrownBy(() -> withoutSdk.loadClass("software.amazon.awssdk.services.ecr.EcrClient"))
        .isInstanceOf(ClassNotFoundException.class);
    int[] resolutions = {0};
    AwsStandIn ecr = AwsStandIn.ecr();
    String previousKey = System.setProperty("aws.accessKeyId", "AKIDLOADED");
    String previousSecret = System.setProperty("aws.secretAccessKey", "secret");
    try {
      EcrCredentials credentials =
          new EcrCredentials(
              new AwsSdkTokenLoader(
                  () -> {
                    resolutions[0]++;
                    return sdkJars;
                  },
                  withoutSdk,
                  ecr.endpoint()),
              "default chain");

      assertThat(credentials.credentialsFor("registry.example")).isEmpty();
      assertThat(resolutions[0]).isZero();
      Optional<RegistryCredentials> found =
          credentials.credentialsFor("123456789012.dkr.ecr.ap-southeast-2.amazonaws.com");
      credentials.credentialsFor("123456789012.dkr.ecr.ap-southeast-2.amazonaws.com");

      assertThat(resolutions[0]).isEqualTo(1);
      assertEcrPasswordFetchedWith(found, ecr.requests().subList(0, 1), "AKIDLOADED");
    } finally {
      restore("aws.accessKeyId", previousKey);
      restore("aws.secretAccessKey", previousSecret);
      ecr.close();
    }
  }

  @Test
  void sdkThatCannotBeResolvedFailsWithTheResolversMessage() {
    EcrCredentials credentials =
        new EcrCredentials(
            new AwsSdkTokenLoader(
                () -> {
                  throw new EnvironmentException("Cannot resolve the AWS SDK (offline)", null);
                },
                getClass().getClassLoader(),
                null),
            "default chain");

    assertThatThrownBy(
            () -> credentials.credentialsFor("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage("Cannot resolve the AWS SDK (offline)");
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }

  /** The jars of the test class path whose path contains {@code groupPath}'s directories. */
  static List<Path> classPathJarsOf(String group) {
    String directories = File.separator + group.replace('.', File.separatorChar) + File.separator;
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && entry.contains(directories)) {
        jars.add(Path.of(entry));
      }
    }
    return jars;
  }

  /** A class loader that cannot see the classes under one package prefix. */
  private static final class HidingClassLoader extends ClassLoader {
    private final String hiddenPrefix;

    HidingClassLoader(ClassLoader parent, String hiddenPrefix) {
      super(parent);
      this.hiddenPrefix = hiddenPrefix;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(hiddenPrefix)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
