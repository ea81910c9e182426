package io.github.lambdaimage.registry;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/** {@link EcrCredentials.TokenService} through the AWS SDK for Java v2. */
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

  /** Tokens fetched with the SDK's default credentials chain from the region's endpoint. */
  static AwsSdkEcrTokens withDefaultCredentials() {
    return new AwsSdkEcrTokens(DefaultCredentialsProvider.builder().build(), null);
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
