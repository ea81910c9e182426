package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.ContainerOutput;
import io.github.lambdaimage.log.BuildLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows a container's output: each complete line goes to the build log with a prefix, and the
 * last lines are kept for failure messages.
 */
final class ContainerLogs implements ContainerOutput {

  /** How many lines a failure message shows. */
  static final int TAIL_LINES = 40;

  private final BuildLog log;
  private final String prefix;
  private final Deque<String> tail = new ArrayDeque<>();
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private final CountDownLatch ended = new CountDownLatch(1);

  ContainerLogs(BuildLog log, String prefix) {
    this.log = log;
    this.prefix = prefix;
  }

  @Override
  public synchronized void accept(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        emitLine();
      } else {
        partialLine.write(b);
      }
    }
  }

  @Override
  public void end() {
    synchronized (this) {
      if (partialLine.size() > 0) {
        emitLine();
      }
    }
    ended.countDown();
  }

  /** Waits briefly for the stream to end after the container stopped, so the tail is complete. */
  void awaitEnd() {
    try {
      ended.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines seen, oldest first. */
  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  private void emitLine() {
    String line = partialLine.toString(StandardCharsets.UTF_8);
    partialLine.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    log.info(prefix + line);
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }
}
