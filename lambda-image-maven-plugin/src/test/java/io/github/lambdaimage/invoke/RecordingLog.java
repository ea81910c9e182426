package io.github.lambdaimage.invoke;

import io.github.lambdaimage.log.BuildLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A build log that keeps every line, for assertions. */
final class RecordingLog implements BuildLog {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private volatile Consumer<String> listener = line -> {};

  /** Calls {@code action} with every info line as it is logged. */
  void onInfo(Consumer<String> action) {
    listener = action;
  }

  @Override
  public void info(String message) {
    lines.add(message);
    listener.accept(message);
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
