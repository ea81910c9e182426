package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.log.BuildLog;

/** A log that prefixes every line, e.g. with {@code [arm64] } when architectures build together. */
final class PrefixedLog implements BuildLog {

  private final BuildLog log;
  private final String prefix;

  private PrefixedLog(BuildLog log, String prefix) {
    this.log = log;
    this.prefix = prefix;
  }

  static BuildLog of(BuildLog log, String prefix) {
    return new PrefixedLog(log, prefix);
  }

  @Override
  public void info(String message) {
    log.info(prefix + message);
  }

  @Override
  public void warn(String message) {
    log.warn(prefix + message);
  }

  @Override
  public void debug(String message) {
    log.debug(prefix + message);
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }
}
