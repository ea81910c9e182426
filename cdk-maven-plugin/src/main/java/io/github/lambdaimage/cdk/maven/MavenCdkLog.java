package io.github.lambdaimage.cdk.maven;

import io.github.lambdaimage.cdk.CdkLog;
import org.apache.maven.plugin.logging.Log;

/** The Maven log as the core's {@link CdkLog}. */
final class MavenCdkLog implements CdkLog {

  private final Log log;

  MavenCdkLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }
}
