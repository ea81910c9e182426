package io.github.lambdaimage.cdk.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an external process with its output streamed line by line as it comes, standard input closed
 * (a tool that wants to prompt sees no terminal and says so instead of waiting), and the last lines
 * of each stream kept for error messages.
 */
public final class ProcessRunner {

  /** How many of the last lines of each stream a {@link ProcessResult} keeps. */
  public static final int KEPT_LINES = 200;

  private final Consumer<String> lines;

  /** A runner handing every output line, of both streams, to {@code lines}. */
  public ProcessRunner(Consumer<String> lines) {
    this.lines = lines;
  }

  /**
   * Runs {@code command} in {@code directory} and waits for it to end.
   *
   * @param environment variables set for the process on top of this JVM's; a {@code null} value
   *     removes the variable
   * @throws IOException when the program cannot be started (e.g. not found)
   * @throws InterruptedException when the wait is interrupted; the process is then destroyed
   */
  public ProcessResult run(List<String> command, Path directory, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    Process process = builder.start();
    process.getOutputStream().close();
    Deque<String> stdout = new ArrayDeque<>();
    Deque<String> stderr = new ArrayDeque<>();
    Thread stdoutPump = pump(process.getInputStream(), stdout, command.get(0) + " stdout");
    Thread stderrPump = pump(process.getErrorStream(), stderr, command.get(0) + " stderr");
    try {
      int exitCode = process.waitFor();
      stdoutPump.join();
      stderrPump.join();
      return new ProcessResult(exitCode, snapshot(stdout), snapshot(stderr));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      throw e;
    }
  }

  private Thread pump(InputStream stream, Deque<String> kept, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.accept(line);
                  synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > KEPT_LINES) {
                      kept.removeFirst();
                    }
                  }
                }
              } catch (IOException streamClosed) {
                // the process was destroyed; what was read is kept
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static List<String> snapshot(Deque<String> kept) {
    synchronized (kept) {
      return List.copyOf(new ArrayList<>(kept));
    }
  }
}
