package io.github.lambdaimage.cdk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS CDK CLI's argument lists for each goal, always against an existing cloud assembly ({@code
 * --app <dir>}: the CLI runs no synthesis), without notices or colours (they would only clutter the
 * Maven log, and notices are fetched from the network).
 */
public final class CdkArguments {

  private CdkArguments() {}

  /** {@code cdk ls}: lists the stacks. */
  public static List<String> ls(CliOptions options) {
    List<String> arguments = common("ls", options);
    arguments.addAll(options.stacks());
    return arguments;
  }

  /** {@code cdk diff}: compares with what is deployed. */
  public static List<String> diff(CliOptions options) {
    List<String> arguments = common("diff", options);
    arguments.addAll(options.stacks());
    return arguments;
  }

  /**
   * {@code cdk deploy}: all stacks when none are named.
   *
   * @param outputsFile where the CLI writes the stacks' outputs
   */
  public static List<String> deploy(
      CliOptions options, RequireApproval requireApproval, Path outputsFile) {
    List<String> arguments = common("deploy", options);
    arguments.add("--require-approval");
    arguments.add(requireApproval.cliValue());
    arguments.add("--outputs-file");
    arguments.add(outputsFile.toString());
    addStacksOrAll(arguments, options);
    return arguments;
  }

  /** {@code cdk destroy --force}: all stacks when none are named. */
  public static List<String> destroy(CliOptions options) {
    List<String> arguments = common("destroy", options);
    arguments.add("--force");
    addStacksOrAll(arguments, options);
    return arguments;
  }

  private static List<String> common(String command, CliOptions options) {
    List<String> arguments = new ArrayList<>();
    arguments.add(command);
    arguments.add("--app");
    arguments.add(options.app().toString());
    arguments.add("--no-notices");
    arguments.add("--no-color");
    if (options.profile() != null) {
      arguments.add("--profile");
      arguments.add(options.profile());
    }
    if (options.region() != null) {
      arguments.add("--region");
      arguments.add(options.region());
    }
    for (Map.Entry<String, String> entry : new TreeMap<>(options.context()).entrySet()) {
      arguments.add("--context");
      arguments.add(entry.getKey() + "=" + entry.getValue());
    }
    return arguments;
  }

  private static void addStacksOrAll(List<String> arguments, CliOptions options) {
    if (options.stacks().isEmpty()) {
      arguments.add("--all");
    } else {
      arguments.addAll(options.stacks());
    }
  }
}
