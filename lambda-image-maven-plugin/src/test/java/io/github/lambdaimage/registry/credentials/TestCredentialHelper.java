package io.github.lambdaimage.registry.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Installs {@code docker-credential-test} (test resources) as an executable for a test. */
public final class TestCredentialHelper {

  private TestCredentialHelper() {}

  /** Copies the helper into {@code directory} (created if needed), executable; returns it. */
  public static Path install(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path helper = directory.resolve("docker-credential-test");
    try (InputStream script =
        TestCredentialHelper.class.getResourceAsStream(
            "/credential-helpers/docker-credential-test")) {
      Files.copy(script, helper, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!helper.toFile().setExecutable(true)) {
      throw new IOException("Cannot make " + helper + " executable");
    }
    return helper;
  }
}
