package io.github.lambdaimage.model;

import io.github.lambdaimage.json.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code image.json} and {@code images.json} under a module's {@code
 * target/lambda-image} directory. Writes are atomic (a temporary file renamed over the old one), so
 * a reader never sees a half-written file and a failure keeps the previous one.
 */
public final class ImageRecords {

  /** The directory name under the build directory that holds everything the plugin writes. */
  public static final String DIRECTORY = "lambda-image";

  /** The per-architecture record's file name. */
  public static final String IMAGE_FILE = "image.json";

  /** The file listing every architecture's record. */
  public static final String INDEX_FILE = "images.json";

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
   * Writes one architecture's record, then rewrites {@code images.json} from every {@code
   * image.json} present. Both writes are atomic.
   */
  public void write(ImageRecord record) {
    writeAtomically(imageFile(record.arch()), toJson(record));
    rewriteIndex();
  }

  /**
   * Rewrites {@code images.json} from the {@code image.json} files present, in architecture order.
   */
  public void rewriteIndex() {
    List<ImageRecord> records = new ArrayList<>();
    for (Architecture architecture : Architecture.values()) {
      if (Files.exists(imageFile(architecture))) {
        records.add(read(architecture));
      }
    }
    records.sort(Comparator.comparing(ImageRecord::architecture));
    List<Object> images = new ArrayList<>();
    records.forEach(record -> images.add(record.toJsonObject()));
    writeAtomically(indexFile(), JsonText.fileText(Map.of("images", images)));
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
