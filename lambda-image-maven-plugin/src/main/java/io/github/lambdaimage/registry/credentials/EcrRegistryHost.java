package io.github.lambdaimage.registry.credentials;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon ECR private registry host, {@code
 * <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}.
 *
 * @param host the whole host name
 * @param account the 12-digit AWS account id
 * @param region the AWS region, e.g. {@code eu-west-1}
 */
public record EcrRegistryHost(String host, String account, String region) {

  private static final Pattern ECR =
      Pattern.compile(
          "([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-[0-9])\\.amazonaws\\.com(?:\\.cn)?");

  /** The ECR host in {@code registry} (a port is not allowed); empty for any other registry. */
  public static Optional<EcrRegistryHost> parse(String registry) {
    Matcher matcher = ECR.matcher(registry);
    return matcher.matches()
        ? Optional.of(new EcrRegistryHost(registry, matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }
}
