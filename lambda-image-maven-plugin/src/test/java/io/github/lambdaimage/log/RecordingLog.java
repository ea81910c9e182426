package io.github.lambdaimage.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A build log that keeps info and warning lines for assertions; safe to use from many threads. */
public final class RecordingLog implements BuildLog {

  private final List<String> infos = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  /** The info lines so far, in order. */
  public List<String> infos() {
    return List.copyOf(infos);
  }

  /** The warnings so far, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void debug(String message) {}

  @Override
  public boolean isDebugEnabled() {
    return false;
  }
}
