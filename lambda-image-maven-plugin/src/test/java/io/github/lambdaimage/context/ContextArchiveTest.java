package io.github.lambdaimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchiveTest {

  @TempDir Path temp;

  private Path context(String name, long mtime) throws IOException {
    Path directory = temp.resolve(name);
    Files.createDirectories(directory.resolve("lib"));
    Files.createDirectories(directory.resolve("app/lib"));
    Files.writeString(directory.resolve("Dockerfile"), "FROM x\n");
    Files.writeString(directory.resolve("lib/b.jar"), "b");
    Files.writeString(directory.resolve("lib/a.jar"), "a");
    Files.writeString(directory.resolve("app/lib/app.jar"), "app");
    for (String file : List.of("Dockerfile", "lib/b.jar", "lib/a.jar", "app/lib/app.jar")) {
      Files.setLastModifiedTime(directory.resolve(file), FileTime.fromMillis(mtime));
    }
    return directory;
  }

  @Test
  void identicalContextsGiveIdenticalBytesWhateverTheFileTimes() throws IOException {
    Path first = temp.resolve("first.tar");
    Path second = temp.resolve("second.tar");

    long size = ContextArchive.write(context("one", 1_000_000_000L), first);
    ContextArchive.write(context("two", 2_000_000_000L), second);

    assertThat(size).isEqualTo(Files.size(first));
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void entriesAreSortedOwnedByRootWithFixedTimeAndModes() throws IOException {
    Path tar = temp.resolve("context.tar");
    ContextArchive.write(context("one", 1_000_000_000L), tar);

    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = archive.getNextEntry();
          entry != null;
          entry = archive.getNextEntry()) {
        assertThat(entry.getModTime().getTime()).isEqualTo(ContextArchive.FIXED_MTIME_MILLIS);
        assertThat(entry.getLongUserId()).isZero();
        assertThat(entry.getLongGroupId()).isZero();
        entries.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()));
      }
    }

    assertThat(entries)
        .containsExactly(
            "Dockerfile 100644",
            "app/ 40755",
            "app/lib/ 40755",
            "app/lib/app.jar 100644",
            "lib/ 40755",
            "lib/a.jar 100644",
            "lib/b.jar 100644");
  }

  @Test
  void suffixIsAppendedToTheArchivedDockerfileOnly() throws IOException {
    Path directory = context("one", 1_000_000_000L);
    Path tar = temp.resolve("context.tar");

    ContextArchive.write(directory, tar, "LABEL a=b\n");

    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = archive.getNextEntry();
      assertThat(entry.getName()).isEqualTo("Dockerfile");
      assertThat(new String(archive.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("FROM x\nLABEL a=b\n");
    }
    assertThat(Files.readString(directory.resolve("Dockerfile"))).isEqualTo("FROM x\n");
  }

  @Test
  void aPartialArchiveHoldsTheGivenDockerfileAndOnlyTheNamedTopLevelEntries() throws IOException {
    Path directory = context("one", 1_000_000_000L);
    Path dockerfile = Files.writeString(temp.resolve("Dockerfile.application"), "FROM deps\n");
    Path tar = temp.resolve("application.tar");

    ContextArchive.write(directory, tar, "LABEL a=b\n", dockerfile, Set.of("app"));

    List<String> entries = new ArrayList<>();
    String archivedDockerfile = null;
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = archive.getNextEntry();
          entry != null;
          entry = archive.getNextEntry()) {
        entries.add(entry.getName());
        if (entry.getName().equals("Dockerfile")) {
          archivedDockerfile = new String(archive.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(entries).containsExactly("Dockerfile", "app/", "app/lib/", "app/lib/app.jar");
    assertThat(archivedDockerfile).isEqualTo("FROM deps\nLABEL a=b\n");
  }
}
