package io.github.lambdaimage.model;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads and writes {@code image.json} and {@code images.json} under a module's {@code
 * target/lambda-image} directory. {@code images.json} lists the architectures of the last build
 * only. Writes are atomic (a temporary file renamed over the old one), so a reader never sees a
 * half-written file and a failure keeps the previous one; updates of {@code images.json} hold a
 * lock, so concurrent builds and pushes cannot lose one another's update.
 */
public final class ImageRecords {

  /** The directory name under the build directory that holds everything the plugin writes. */
  public static final String DIRECTORY = "lambda-image";

  /** The per-architecture record's file name. */
  public static final String IMAGE_FILE = "image.json";

  /** The file listing the records of the architectures the last build built. */
  public static final String INDEX_FILE = "images.json";

  private static final String LOCK_FILE = ".images.json.lock";

  private static final Map<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

  private final Path root;

  /** Records under {@code root}, normally {@code <module>/target/lambda-image}. */
  public ImageRecords(Path root) {
    this.root = root;
  }

  /** Records under {@code <buildDirectory>/lambda-image}. */
  public static ImageRecords inBuildDirectory(Path buildDirectory) {
    return new ImageRecords(buildDirectory.resolve(DIRECTORY));
  }

  /** The root directory, {@code …/target/lambda-image}. */
  public Path root() {
    return root;
  }

  /** The working directory of one architecture, {@code …/target/lambda-image/<arch>}. */
  public Path architectureDirectory(Architecture architecture) {
    return root.resolve(architecture.dockerName());
  }

  /** The path of one architecture's {@code image.json}. */
  public Path imageFile(Architecture architecture) {
    return architectureDirectory(architecture).resolve(IMAGE_FILE);
  }

  /** The path of {@code images.json}. */
  public Path indexFile() {
    return root.resolve(INDEX_FILE);
  }

  /**
   * Reads one architecture's record.
   *
   * @throws MissingImageRecordException when the file does not exist
   * @throws UncheckedIOException when it cannot be read or parsed
   */
  public ImageRecord read(Architecture architecture) {
    return readFile(imageFile(architecture));
  }

  /** Reads a record file written by {@link #write(ImageRecord)}. */
  public static ImageRecord readFile(Path file) {
    try {
      return ImageRecord.fromJsonObject(JsonText.readFile(file));
    } catch (NoSuchFileException e) {
      throw new MissingImageRecordException(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read image record " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an {@code images.json} file. */
  public static List<ImageRecord> readIndexFile(Path file) {
    try {
      Map<String, Object> index = JsonText.readFile(file);
      List<ImageRecord> records = new ArrayList<>();
      for (Object image : JsonText.list(index, "images")) {
        records.add(ImageRecord.fromJsonObject(JsonText.asObject(image, "an entry of images")));
      }
      return List.copyOf(records);
    } catch (NoSuchFileException e) {
      throw new MissingImageRecordException(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read image index " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records the outcome of a build: writes each built architecture's {@code image.json} (unless it
   * already says the same) and makes {@code images.json} list exactly these architectures, so an
   * {@code image.json} that an earlier build left for another architecture is no longer listed.
   */
  public void recordBuild(List<ImageRecord> built) {
    withIndexLock(
        () -> {
          Set<Architecture> listed = EnumSet.noneOf(Architecture.class);
          for (ImageRecord record : built) {
            writeIfChanged(imageFile(record.architecture()), toJson(record));
            listed.add(record.architecture());
          }
          writeIndex(listed);
        });
  }

  /**
   * Updates one architecture's record (a push adds or clears its digest) and refreshes its entry in
   * {@code images.json}. The index keeps the architectures it lists: a record of an architecture
   * the last build did not build is written but not listed. When there is no index yet, it is
   * created listing this architecture.
   */
  public void write(ImageRecord record) {
    withIndexLock(
        () -> {
          writeAtomically(imageFile(record.architecture()), toJson(record));
          Set<Architecture> listed =
              Files.isRegularFile(indexFile())
                  ? listedArchitectures()
                  : EnumSet.of(record.architecture());
          writeIndex(listed);
        });
  }

  /** The architectures {@code images.json} lists; none when it is missing or unreadable. */
  private Set<Architecture> listedArchitectures() {
    Set<Architecture> listed = EnumSet.noneOf(Architecture.class);
    try {
      for (ImageRecord record : readIndexFile(indexFile())) {
        listed.add(record.architecture());
      }
    } catch (RuntimeException unreadable) {
      // an index that cannot be read lists nothing; it is rewritten below
    }
    return listed;
  }

  /**
   * Rewrites {@code images.json} from the current {@code image.json} of each listed architecture.
   */
  private void writeIndex(Set<Architecture> listed) {
    List<Object> images = new ArrayList<>();
    for (Architecture architecture : listed) {
      if (Files.isRegularFile(imageFile(architecture))) {
        images.add(read(architecture).toJsonObject());
      }
    }
    writeIfChanged(indexFile(), JsonText.fileText(Map.of("images", images)));
  }

  /**
   * Runs {@code update} holding this directory's index lock: a lock on {@code .images.json.lock}
   * against other Maven processes, and a lock per directory against other threads of this one (file
   * locks are held per process). Each update reads the {@code image.json} files afresh under the
   * lock, so two builds or pushes writing one {@code images.json} cannot lose each other's update.
   */
  private void withIndexLock(Runnable update) {
    ReentrantLock threads =
        THREAD_LOCKS.computeIfAbsent(root.toAbsolutePath().normalize(), key -> new ReentrantLock());
    threads.lock();
    try {
      Files.createDirectories(root);
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock processes = channel.lock()) {
        update.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot lock " + root.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
    } finally {
      threads.unlock();
    }
  }

  private static void writeIfChanged(Path target, String content) {
    try {
      if (Files.isRegularFile(target)
          && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
        return;
      }
    } catch (IOException unreadable) {
      // rewritten below
    }
    writeAtomically(target, content);
  }

  /**
   * The JSON text of a record, as written to disk: two-space indent, fixed order, final newline.
   */
  public static String toJson(ImageRecord record) {
    return JsonText.fileText(record.toJsonObject());
  }

  /** Writes {@code content} to {@code target} through a temporary file and an atomic rename. */
  public static void writeAtomically(Path target, String content) {
    try {
      Path directory = target.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        makeReadable(temporary);
        try {
          Files.move(
              temporary,
              target,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Temporary files are created owner-only; the records are meant to be read by CI and tools. */
  private static void makeReadable(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
