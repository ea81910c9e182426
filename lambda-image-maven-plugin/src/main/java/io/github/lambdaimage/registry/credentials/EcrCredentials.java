package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Credentials for Amazon ECR registries from {@code GetAuthorizationToken}, so CI needs only AWS
 * credentials and no {@code docker login}. Other registries get nothing from this source.
 */
public final class EcrCredentials implements RegistryCredentialProvider {

  /** Fetches an ECR authorization token: base64 of {@code AWS:<password>}. */
  @FunctionalInterface
  public interface TokenService {
    /**
     * The authorization token for {@code host}'s account, in {@code host}'s region.
     *
     * @throws RuntimeException when AWS cannot be asked; the caller adds what to do
     */
    String authorizationToken(EcrRegistryHost host);
  }

  private final TokenService tokens;
  private final String credentialsDescription;

  /**
   * ECR credentials from {@code tokens}.
   *
   * @param credentialsDescription which AWS credentials {@code tokens} uses, for the log
   */
  public EcrCredentials(TokenService tokens, String credentialsDescription) {
    this.tokens = tokens;
    this.credentialsDescription = credentialsDescription;
  }

  /**
   * ECR credentials through the AWS SDK with its default credentials chain.
   *
   * @param sdkJars resolves the jars of the SDK's ECR client, asked for the first token only
   */
  public static EcrCredentials usingDefaultAwsCredentials(Supplier<List<Path>> sdkJars) {
    return new EcrCredentials(
        new AwsSdkTokenLoader(sdkJars, EcrCredentials.class.getClassLoader(), null),
        "AWS default credentials chain");
  }

  @Override
  public Optional<RegistryCredentials> credentialsFor(String registry) {
    Optional<EcrRegistryHost> host = EcrRegistryHost.parse(registry);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String token;
    try {
      token = tokens.authorizationToken(host.get());
    } catch (EnvironmentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EnvironmentException(
          "Cannot get an Amazon ECR token for "
              + registry
              + " (GetAuthorizationToken in "
              + host.get().region()
              + " with the "
              + credentialsDescription
              + "): "
              + e.getMessage()
              + " Provide AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE,"
              + " or a role), or add a <server> with <id>"
              + registry
              + "</id> to ~/.m2/settings.xml.",
          e);
    }
    return Optional.of(decode(token, source(host.get())));
  }

  @Override
  public String searchedSources(String registry) {
    return EcrRegistryHost.parse(registry).map(this::source).orElse("");
  }

  private String source(EcrRegistryHost host) {
    return "Amazon ECR GetAuthorizationToken ("
        + credentialsDescription
        + ", region "
        + host.region()
        + ")";
  }

  /**
   * Decodes an ECR authorization token, base64 of {@code AWS:<password>}.
   *
   * @throws EnvironmentException when it is not that
   */
  static RegistryCredentials decode(String token, String source) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(token.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new EnvironmentException(source + " returned a token that is not base64.", e);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      throw new EnvironmentException(source + " returned a token that is not user:password.");
    }
    return RegistryCredentials.basic(
        decoded.substring(0, colon), decoded.substring(colon + 1), source);
  }
}
