package io.github.lambdaimage.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdaimage.docker.TestEngines;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.registry.RawRegistry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push and an invoke against the local engine run in a class loader over this test's class path
 * without docker-java's jars: they would fail with {@link NoClassDefFoundError} had they touched
 * it.
 */
class NoDockerJavaIT {

  static final String REGISTRY = System.getProperty("lambda.test.registry", "127.0.0.1:5000");

  @TempDir Path directory;

  @Test
  void pushAndInvokeOnTheLocalEngineNeverLoadDockerJava() throws Exception {
    String repository = RawRegistry.uniqueRepository("no-docker-java");
    try (DockerClient docker = TestEngines.dockerJavaClient();
        TestImages functions = new TestImages(docker);
        io.github.lambdaimage.registry.TestImages pushed =
            new io.github.lambdaimage.registry.TestImages(docker);
        URLClassLoader withoutDockerJava = classPathWithoutDockerJava()) {
      ImageRecords toPush = ImageRecords.inBuildDirectory(directory.resolve("push"));
      toPush.write(pushed.tiny(Architecture.AMD64, REGISTRY + "/" + repository, "1-amd64"));
      ImageRecord function = functions.javaFunction(Architecture.AMD64, TestImages.TEST_HANDLER);
      ImageRecords.inBuildDirectory(directory.resolve("invoke")).write(function);
      assertThatThrownBy(
              () ->
                  Class.forName("com.github.dockerjava.api.DockerClient", false, withoutDockerJava))
          .isInstanceOf(ClassNotFoundException.class);

      String result =
          (String)
              withoutDockerJava
                  .loadClass(WithoutDockerJava.class.getName())
                  .getMethod("pushAndInvoke", String.class, String.class)
                  .invoke(
                      null,
                      directory.resolve("push").toString(),
                      directory.resolve("invoke").toString());

      String digest = result.substring(0, result.indexOf(' '));
      assertThat(digest).matches("sha256:[0-9a-f]{64}");
      assertThat(toPush.read(Architecture.AMD64).digest()).isEqualTo(digest);
      assertThat(result.substring(result.indexOf(' ') + 1))
          .contains("\"arch\":\"amd64\"", "\"functionName\":\"no-docker-java\"");
      new RawRegistry(REGISTRY).deleteManifest(repository, digest);
    }
  }

  /** The test JVM's class path minus docker-java, with only the platform classes as parent. */
  private static URLClassLoader classPathWithoutDockerJava() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).getFileName().toString().startsWith("docker-java")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
