package io.github.lambdaimage.push;

import io.github.lambdaimage.docker.ProgressMessage;
import io.github.lambdaimage.log.BuildLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the engine's push stream and reports it briefly: interactively, a line per finished layer
 * and an overall line at most every 2 seconds; in batch mode only an overall line at most every 15
 * seconds; always a summary. Collects the engine's error and the digest it reports. Docker reports
 * each layer's status and size; Podman reports only the manifest digest, which the summary says.
 */
final class PushProgress implements Consumer<ProgressMessage> {

  private static final Pattern DIGEST_STATUS =
      Pattern.compile("digest: (sha256:[0-9a-f]{64}) size: ([0-9]+)");
  private static final Duration INTERACTIVE_INTERVAL = Duration.ofSeconds(2);
  private static final Duration BATCH_INTERVAL = Duration.ofSeconds(15);

  private final String image;
  private final BuildLog log;
  private final boolean interactive;
  private final LongSupplier nanoTime;
  private final long started;
  private final Map<String, Layer> layers = new LinkedHashMap<>();
  private long lastReport;
  private volatile String failure;
  private volatile String digest;

  PushProgress(String image, BuildLog log, boolean interactive, LongSupplier nanoTime) {
    this.image = image;
    this.log = log;
    this.interactive = interactive;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastReport = started;
  }

  @Override
  public synchronized void accept(ProgressMessage message) {
    if (message.error() != null) {
      failure = message.error();
      return;
    }
    if (message.digest() != null) {
      digest = message.digest();
    }
    String status = message.status() == null ? "" : message.status();
    Matcher digestStatus = DIGEST_STATUS.matcher(status);
    if (digestStatus.find()) {
      digest = digestStatus.group(1);
    }
    if (message.id() != null && !status.isEmpty() && !status.startsWith("The push refers")) {
      onLayer(message.id(), status, message.current(), message.total());
    }
    reportIfDue();
  }

  private void onLayer(String id, String status, Long current, Long total) {
    if (DIGEST_STATUS.matcher(status).find()) {
      return;
    }
    Layer layer = layers.computeIfAbsent(id, key -> new Layer());
    if (total != null && total > 0) {
      layer.total = total;
      layer.current = current == null ? layer.current : current;
    }
    String lower = status.toLowerCase(Locale.ROOT);
    if (lower.equals("pushed")) {
      layer.state = State.UPLOADED;
      layer.current = layer.total;
      if (interactive) {
        log.info(
            "  layer " + id + " pushed" + (layer.total > 0 ? " (" + bytes(layer.total) + ")" : ""));
      }
    } else if (lower.equals("layer already exists") || lower.startsWith("mounted from")) {
      layer.state = State.PRESENT;
    } else if (lower.startsWith("retrying in") && !layer.retried) {
      layer.retried = true;
      log.warn("  layer " + id + ": upload failed, the engine is " + lower + ".");
    }
  }

  private void reportIfDue() {
    long now = nanoTime.getAsLong();
    Duration interval = interactive ? INTERACTIVE_INTERVAL : BATCH_INTERVAL;
    if (now - lastReport >= interval.toNanos()) {
      lastReport = now;
      log.info("Pushing " + image + ": " + overall());
    }
  }

  private String overall() {
    long done = layers.values().stream().filter(layer -> layer.state != State.PENDING).count();
    long current = layers.values().stream().mapToLong(layer -> layer.current).sum();
    long total = layers.values().stream().mapToLong(layer -> layer.total).sum();
    return done
        + "/"
        + layers.size()
        + " layers done, "
        + bytes(current)
        + " of "
        + bytes(total)
        + " sent";
  }

  /** The summary line, e.g. {@code 3 layers uploaded (45.2 MB), 4 already present, in 4.2 s}. */
  synchronized String summary() {
    String time = "in " + String.format(Locale.ROOT, "%.1f s", elapsed().toMillis() / 1000.0);
    if (layers.isEmpty()) {
      return "the engine reported no layers (Podman does not), so what was uploaded is unknown, "
          + time;
    }
    long uploaded = layers.values().stream().filter(layer -> layer.state == State.UPLOADED).count();
    long present = layers.values().stream().filter(layer -> layer.state == State.PRESENT).count();
    long unsized =
        layers.values().stream()
            .filter(layer -> layer.state == State.UPLOADED && layer.total == 0)
            .count();
    String size =
        unsized == 0
            ? bytes(uploadedBytes())
            : unsized == uploaded
                ? "sizes not reported"
                : bytes(uploadedBytes()) + " + " + unsized + " of unreported size";
    return uploaded
        + " layers uploaded ("
        + size
        + "), "
        + present
        + " already in the registry, "
        + time;
  }

  /** The bytes of the layers this push uploaded, as far as the engine reported sizes. */
  synchronized long uploadedBytes() {
    return layers.values().stream()
        .filter(layer -> layer.state == State.UPLOADED)
        .mapToLong(layer -> layer.total)
        .sum();
  }

  /** Time since the push started. */
  Duration elapsed() {
    return Duration.ofNanos(nanoTime.getAsLong() - started);
  }

  /** The error the engine reported, if any. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** The manifest digest the engine reported, if any. */
  Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** {@code 12.3 MB}, {@code 456 kB}, {@code 789 B}: decimal units, as Docker prints them. */
  static String bytes(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    if (bytes >= 1_000L) {
      return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
    }
    return bytes + " B";
  }

  private enum State {
    PENDING,
    UPLOADED,
    PRESENT
  }

  private static final class Layer {
    private State state = State.PENDING;
    private long current;
    private long total;
    private boolean retried;
  }
}
