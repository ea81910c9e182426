package io.github.lambdaimage.registry;

import io.github.lambdaimage.log.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** A log that keeps info and warning lines for assertions, and prints them for the test report. */
final class RecordingLog implements BuildLog {

  private final List<String> warnings;
  private final List<String> infos = new ArrayList<>();

  RecordingLog() {
    this(new ArrayList<>());
  }

  RecordingLog(List<String> warnings) {
    this.warnings = warnings;
  }

  List<String> infos() {
    return infos;
  }

  List<String> warnings() {
    return warnings;
  }

  @Override
  public void info(String message) {
    infos.add(message);
    System.out.println("[info] " + message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
    System.out.println("[warn] " + message);
  }

  @Override
  public void debug(String message) {}

  @Override
  public boolean isDebugEnabled() {
    return false;
  }
}
