package io.github.lambdaimage.registry.credentials;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * {@link EcrCredentials.TokenService} through the AWS SDK for Java v2. The SDK is not in the
 * plugin's class path: only {@link AwsSdkTokenLoader} loads this class, next to the SDK's jars.
 */
final class AwsSdkEcrTokens implements EcrCredentials.TokenService {

  private final AwsCredentialsProvider credentials;
  private final URI endpointOverride;

  /**
   * Tokens fetched with {@code credentials}.
   *
   * @param endpointOverride the ECR API endpoint, or {@code null} for the region's own
   */
  AwsSdkEcrTokens(AwsCredentialsProvider credentials, URI endpointOverride) {
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
  }

  /**
   * Tokens fetched with the SDK's default credentials chain; called by {@link AwsSdkTokenLoader}
   * once it has loaded this class next to the SDK.
   *
   * @param endpointOverride the ECR API endpoint, or {@code null} for the region's own
   */
  static AwsSdkEcrTokens create(URI endpointOverride) {
    return new AwsSdkEcrTokens(DefaultCredentialsProvider.builder().build(), endpointOverride);
  }

  @Override
  public String authorizationToken(EcrRegistryHost host) {
    EcrClientBuilder builder =
        EcrClient.builder()
            .region(Region.of(host.region()))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create());
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    try (EcrClient ecr = builder.build()) {
      GetAuthorizationTokenResponse response = ecr.getAuthorizationToken(b -> {});
      return response.authorizationData().stream()
          .map(AuthorizationData::authorizationToken)
          .filter(token -> token != null && !token.isEmpty())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("The response has no authorization token."));
    }
  }
}
