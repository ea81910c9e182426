package io.github.lambdaimage.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedProcessTest {

  @TempDir Path directory;

  @Test
  void aHangingProcessIsKilledWithItsGrandchildAndTheMessageNamesTheSetting() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path pidFile = directory.resolve("grandchild.pid");
    Path script =
        script("hang.sh", "sleep 300 &\necho $! > '" + pidFile + "'\necho started\nsleep 300\n");
    List<String> lines = new ArrayList<>();
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                new BoundedProcess("the stalling tool", Duration.ofSeconds(2), "-Dtool.timeout=<s>")
                    .streamingTo(lines::add)
                    .run(List.of("/bin/sh", script.toString()), directory, Map.of()))
        .isInstanceOf(ProcessTimeoutException.class)
        .hasMessage(
            "the stalling tool did not finish within 2 s and was stopped with its child processes."
                + " If it needs longer, raise the limit with -Dtool.timeout=<s>.");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    long grandchild = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(waitUntilGone(grandchild)).as("grandchild %d is gone", grandchild).isTrue();
    assertThat(lines).containsExactly("started");
  }

  @Test
  void aProcessGetsItsInputAndItsOutputIsKeptPerStream() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path script = script("echo.sh", "read line\necho \"got $line\"\necho oops >&2\nexit 3\n");

    ProcessResult result =
        new BoundedProcess("echo", Duration.ofSeconds(30), "-Decho.timeout")
            .withInput("hello\n".getBytes(StandardCharsets.UTF_8))
            .run(List.of("/bin/sh", script.toString()), directory, Map.of());

    assertThat(result).isEqualTo(new ProcessResult(3, List.of("got hello"), List.of("oops")));
  }

  @Test
  void aZeroLimitIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new BoundedProcess("npm", Duration.ZERO, "-Dcdk.npmTimeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The time limit for npm must be positive, not PT0S; check -Dcdk.npmTimeout");
  }

  private Path script(String name, String body) throws Exception {
    Path script = directory.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static boolean waitUntilGone(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        Thread.sleep(100);
      } else {
        return true;
      }
    }
    return false;
  }
}
