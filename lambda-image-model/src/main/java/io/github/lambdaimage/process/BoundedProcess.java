package io.github.lambdaimage.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a child process within a time limit: output streamed line by line as it comes, the last
 * lines of each stream kept for error messages, standard input given or closed (a tool that wants
 * to prompt sees no terminal and says so instead of waiting). On timeout or interruption the
 * process and all its descendants are killed, so no grandchild outlives the build.
 */
public final class BoundedProcess {

  /** How many of the last lines of each stream a {@link ProcessResult} keeps. */
  public static final int KEPT_LINES = 200;

  private static final long PUMP_GRACE_MILLIS = 2_000;

  private final String description;
  private final Duration limit;
  private final String setting;
  private Consumer<String> lines = line -> {};
  private byte[] input = new byte[0];

  /**
   * A process of at most {@code limit}.
   *
   * @param description what runs, for the timeout message, e.g. {@code npm install aws-cdk@2.1}
   * @param limit how long it may run
   * @param setting how the user raises the limit, e.g. {@code -Dcdk.npmTimeout=<seconds>}
   */
  public BoundedProcess(String description, Duration limit, String setting) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException(
          "The time limit for "
              + description
              + " must be positive, not "
              + limit
              + "; check "
              + setting);
    }
    this.description = description;
    this.limit = limit;
    this.setting = setting;
  }

  /** What runs, as given for the timeout message. */
  public String description() {
    return description;
  }

  /** Hands every output line, of both streams, to {@code lines} as it is written. */
  public BoundedProcess streamingTo(Consumer<String> lines) {
    this.lines = lines;
    return this;
  }

  /** Writes {@code input} to the process's standard input, then closes it. */
  public BoundedProcess withInput(byte[] input) {
    this.input = input.clone();
    return this;
  }

  /**
   * Runs {@code command} in {@code directory} and waits for it to end.
   *
   * @param environment variables set for the process on top of this JVM's; a {@code null} value
   *     removes the variable
   * @throws IOException when the program cannot be started (e.g. not found)
   * @throws ProcessTimeoutException when it runs past the limit; it was killed with its descendants
   * @throws InterruptedException when the wait is interrupted; it was killed with its descendants
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
    Deque<String> stdout = new ArrayDeque<>();
    Deque<String> stderr = new ArrayDeque<>();
    Thread stdoutPump = pump(process.getInputStream(), stdout, command.get(0) + " stdout");
    Thread stderrPump = pump(process.getErrorStream(), stderr, command.get(0) + " stderr");
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    } catch (IOException exitedBeforeReading) {
      // its exit code and output tell why
    }
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        throw new ProcessTimeoutException(description, limit, setting);
      }
      stdoutPump.join(PUMP_GRACE_MILLIS);
      stderrPump.join(PUMP_GRACE_MILLIS);
      return new ProcessResult(process.exitValue(), snapshot(stdout), snapshot(stderr));
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
  }

  /**
   * Kills {@code process} and every descendant. The descendants are listed first (once the parent
   * is gone they are no longer its descendants), the parent is killed next so it starts no more.
   */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
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
                // the process was killed; what was read is kept
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
