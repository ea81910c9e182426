package io.github.lambdaimage.cdk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon ECR repository URI, {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<name>}, split
 * into the parts CloudFormation needs.
 *
 * @param account the 12-digit account id
 * @param region the region, e.g. {@code eu-west-1}
 * @param partition {@code aws}, or {@code aws-cn} for the China regions
 * @param name the repository name, may contain slashes
 */
public record EcrRepositoryUri(String account, String region, String partition, String name) {

  private static final Pattern URI =
      Pattern.compile(
          "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([a-z0-9._/-]+)");

  /** Parses {@code repository}; empty when it is not an ECR repository URI. */
  public static Optional<EcrRepositoryUri> parse(String repository) {
    Matcher matcher = URI.matcher(repository);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String partition = matcher.group(3) == null ? "aws" : "aws-cn";
    return Optional.of(
        new EcrRepositoryUri(matcher.group(1), matcher.group(2), partition, matcher.group(4)));
  }

  /** The repository's ARN, {@code arn:aws:ecr:<region>:<account>:repository/<name>}. */
  public String arn() {
    return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + name;
  }
}
