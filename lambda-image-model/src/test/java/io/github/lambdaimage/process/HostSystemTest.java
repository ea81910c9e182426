package io.github.lambdaimage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSystemTest {

  @TempDir Path directory;

  @Test
  void onWindowsNpmStartsAsNpmCmdFoundThroughPathext() throws Exception {
    Path bin = Files.createDirectories(directory.resolve("nodejs"));
    Files.writeString(bin.resolve("npm.cmd"), "@echo off");
    Files.writeString(bin.resolve("cdk.cmd"), "@echo off");
    HostSystem windows =
        HostSystem.of(
            "Windows 11",
            Map.of("PATH", directory + ";" + bin, "PATHEXT", ".COM;.EXE;.BAT;.CMD")::get);

    assertThat(windows.command("npm")).isEqualTo(bin.resolve("npm.cmd").toString());
    assertThat(windows.command("cdk")).isEqualTo(bin.resolve("cdk.cmd").toString());
    assertThat(windows.command("node")).isEqualTo("node");
  }

  @Test
  void onWindowsACredentialHelperIsFoundAsExeBeforeCmdWithTheDefaultPathext() throws Exception {
    Files.writeString(directory.resolve("docker-credential-desktop.cmd"), "");
    Files.writeString(directory.resolve("docker-credential-desktop.exe"), "");
    HostSystem windows =
        HostSystem.of("Windows Server 2022", Map.of("Path", directory.toString())::get);

    assertThat(windows.extensions()).containsExactly(".com", ".exe", ".bat", ".cmd");
    assertThat(windows.find("docker-credential-desktop"))
        .contains(directory.resolve("docker-credential-desktop.exe"));
  }

  @Test
  void elsewhereOnlyTheBareExecutableNameCountsAndCommandsStayAsGiven() throws Exception {
    Files.writeString(directory.resolve("npm.cmd"), "");
    HostSystem linux = HostSystem.of("Linux", Map.of("PATH", directory.toString())::get);

    assertThat(linux.find("npm")).isEqualTo(Optional.empty());
    assertThat(linux.command("npm")).isEqualTo("npm");
    assertThat(linux.extensions()).isEmpty();
  }
}
