package io.github.lambdaimage.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A build log that keeps info and warning lines for assertions; safe to use from many threads. */
public final class RecordingLog implements BuildLog {

  private final List<String> infos = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private volatile Consumer<String> infoListener = line -> {};

  /** The info lines so far, in order. */
  public List<String> infos() {
    return List.copyOf(infos);
  }

  /** The warnings so far, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Info and warning lines in the order logged, warnings prefixed {@code WARN }. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Calls {@code action} with every info line as it is logged. */
  public void onInfo(Consumer<String> action) {
    infoListener = action;
  }

  @Override
  public void info(String message) {
    infos.add(message);
    lines.add(message);
    infoListener.accept(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
    lines.add("WARN " + message);
  }

  @Override
  public void debug(String message) {}

  @Override
  public boolean isDebugEnabled() {
    return false;
  }
}
