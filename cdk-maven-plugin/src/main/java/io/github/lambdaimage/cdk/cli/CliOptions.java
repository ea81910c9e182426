package io.github.lambdaimage.cdk.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every CLI command gets.
 *
 * @param app the cloud assembly directory ({@code --app})
 * @param stacks stack names or patterns; empty for all stacks
 * @param profile the AWS profile ({@code --profile}), or {@code null}
 * @param region the AWS region ({@code --region}), or {@code null}
 * @param context context values ({@code -c key=value}), in order
 */
public record CliOptions(
    Path app, List<String> stacks, String profile, String region, Map<String, String> context) {

  public CliOptions {
    stacks = List.copyOf(stacks);
    context = Map.copyOf(context);
  }
}
