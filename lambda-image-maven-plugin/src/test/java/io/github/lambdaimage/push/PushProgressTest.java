package io.github.lambdaimage.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdaimage.docker.ProgressMessage;
import io.github.lambdaimage.json.JsonText;
import io.github.lambdaimage.log.RecordingLog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushProgressTest {

  private static final String DIGEST =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";

  private final AtomicLong now = new AtomicLong();
  private final RecordingLog log = new RecordingLog();

  private static ProgressMessage item(String json) {
    try {
      return ProgressMessage.of(JsonText.readObject(json.replace('\'', '"')));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void feed(PushProgress progress) {
    progress.accept(item("{'status':'The push refers to repository [127.0.0.1:5000/app]'}"));
    progress.accept(item("{'status':'Preparing','id':'aaa'}"));
    progress.accept(item("{'status':'Preparing','id':'bbb'}"));
    progress.accept(item("{'status':'Preparing','id':'ccc'}"));
    progress.accept(item("{'status':'Layer already exists','id':'ccc'}"));
    progress.accept(item("{'status':'Mounted from lambda-image-test/java-base','id':'bbb'}"));
    for (int i = 1; i <= 1000; i++) {
      now.addAndGet(Duration.ofMillis(100).toNanos());
      progress.accept(
          item(
              "{'status':'Pushing','id':'aaa','progressDetail':{'current':"
                  + i * 50_000
                  + ",'total':50000000}}"));
    }
    progress.accept(item("{'status':'Pushed','id':'aaa'}"));
    progress.accept(item("{'status':'1-amd64: digest: " + DIGEST + " size: 1234'}"));
    progress.accept(item("{'aux':{'Tag':'1-amd64','Digest':'" + DIGEST + "','Size':1234}}"));
  }

  @Test
  void batchModeLogsAFewOverallLinesForAThousandProgressEvents() {
    PushProgress progress = new PushProgress("127.0.0.1:5000/app:1-amd64", log, false, now::get);

    feed(progress);

    assertThat(log.infos())
        .hasSize(6)
        .first()
        .isEqualTo("Pushing 127.0.0.1:5000/app:1-amd64: 2/3 layers done, 7.5 MB of 50.0 MB sent");
    assertThat(progress.summary())
        .isEqualTo("1 layers uploaded (50.0 MB), 2 already in the registry, in 100.0 s");
    assertThat(progress.uploadedBytes()).isEqualTo(50_000_000L);
    assertThat(progress.digest()).contains(DIGEST);
    assertThat(progress.failure()).isEmpty();
  }

  @Test
  void interactiveModeAddsALinePerPushedLayerAndReportsEveryTwoSeconds() {
    PushProgress progress = new PushProgress("127.0.0.1:5000/app:1-amd64", log, true, now::get);

    feed(progress);

    assertThat(log.infos()).hasSize(51).contains("  layer aaa pushed (50.0 MB)");
  }

  @Test
  void keepsTheEngineErrorAndWarnsOnceAboutLayerRetries() {
    PushProgress progress = new PushProgress("img", log, false, now::get);

    progress.accept(item("{'status':'Retrying in 5 seconds','id':'aaa'}"));
    progress.accept(item("{'status':'Retrying in 10 seconds','id':'aaa'}"));
    progress.accept(
        item(
            "{'errorDetail':{'message':'dial tcp 127.0.0.1:5001: connect: connection refused'},"
                + "'error':'dial tcp 127.0.0.1:5001: connect: connection refused'}"));

    assertThat(progress.failure()).contains("dial tcp 127.0.0.1:5001: connect: connection refused");
    assertThat(log.warnings())
        .containsExactly("  layer aaa: upload failed, the engine is retrying in 5 seconds.");
  }

  @Test
  void podmansStreamWithoutLayersSaysWhatIsUnknownAndKeepsTheDigest() {
    PushProgress progress = new PushProgress("127.0.0.1:5000/app:1-amd64", log, false, now::get);

    progress.accept(
        item("{'status':'The push refers to repository [127.0.0.1:5000/app:1-amd64]'}"));
    now.addAndGet(Duration.ofMillis(1500).toNanos());
    progress.accept(item("{'status':'1-amd64: digest: " + DIGEST + " size: 530'}"));

    assertThat(progress.summary())
        .isEqualTo(
            "the engine reported no layers (Podman does not), so what was uploaded is unknown, in"
                + " 1.5 s");
    assertThat(progress.digest()).contains(DIGEST);
  }

  @Test
  void layersPushedWithoutAReportedSizeAreNotCountedAsZeroBytes() {
    PushProgress progress = new PushProgress("img", log, false, now::get);

    progress.accept(item("{'status':'Preparing','id':'aaa'}"));
    progress.accept(item("{'status':'Preparing','id':'bbb'}"));
    progress.accept(
        item("{'status':'Pushing','id':'aaa','progressDetail':{'current':10,'total':2000}}"));
    progress.accept(item("{'status':'Pushed','id':'aaa'}"));
    progress.accept(item("{'status':'Pushed','id':'bbb'}"));

    assertThat(progress.summary())
        .isEqualTo(
            "2 layers uploaded (2 kB + 1 of unreported size), 0 already in the registry, in 0.0 s");
  }

  @Test
  void formatsBytesInDecimalUnits() {
    assertThat(PushProgress.bytes(999)).isEqualTo("999 B");
    assertThat(PushProgress.bytes(45_600)).isEqualTo("46 kB");
    assertThat(PushProgress.bytes(12_340_000)).isEqualTo("12.3 MB");
    assertThat(PushProgress.bytes(2_500_000_000L)).isEqualTo("2.50 GB");
  }
}
