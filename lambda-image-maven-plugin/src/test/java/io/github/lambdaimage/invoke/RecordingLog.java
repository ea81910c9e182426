package io.github.lambdaimage.invoke;

import io.github.lambdaimage.log.BuildLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A build log that keeps every line, for assertions. */
final class RecordingLog implements BuildLog {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add(message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void debug(String message) {}

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
