package io.github.lambdaimage.cdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The AWS CDK CLI version this plugin pins, compatible with the aws-cdk-lib it was built with. */
public final class CliVersion {

  private CliVersion() {}

  /** The pinned version, e.g. {@code 2.1148.1}. */
  public static String pinned() {
    try (InputStream in = CliVersion.class.getResourceAsStream("cli-version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("The plugin's cli-version.properties is unreadable", e);
    }
  }
}
