package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecord;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.push.ImagePusher;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.Manifest;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RegistryCredentials;
import io.github.lambdaimage.registry.RetryPolicy;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a push does for its credentials, in a JVM of its own whose environment the test sets (the
 * AWS SDK reads {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code
 * AWS_ENDPOINT_URL_*} from the environment): resolve the ECR host's credentials through the
 * standard resolver, with the SDK loaded from its jars as the plugin loads it, then use them with
 * the loopback registry that stands in for the ECR host.
 *
 * <p>Arguments: the SDK's jars (path-separated), the ECR host, then {@code read <image>} (read a
 * manifest with the registry client) or {@code push <build directory>} (push the amd64 image
 * recorded there through the engine).
 */
public final class WebIdentityTokenChild {

  private WebIdentityTokenChild() {}

  public static void main(String[] args) {
    List<Path> sdkJars = Arrays.stream(args[0].split(File.pathSeparator)).map(Path::of).toList();
    BuildLog log =
        BuildLog.of(
            line -> System.out.println("[INFO] " + line),
            line -> System.out.println("[WARN] " + line),
            line -> {},
            () -> false);
    CredentialResolver resolver =
        CredentialResolver.standard(registry -> Optional.empty(), () -> sdkJars, log);
    RegistryCredentials found = resolver.credentialsFor(args[1]).orElseThrow();
    RegistryCredentialProvider ecrToken = registry -> Optional.of(found);
    if (args[2].equals("read")) {
      ImageReference image = ImageReference.parse(args[3]);
      Manifest manifest = new RegistryClient(ecrToken, log).getManifest(image);
      System.out.println("read " + image + " as " + manifest.digest());
      return;
    }
    try (DockerEngine engine = DockerEngine.connect()) {
      ImageRecord pushed =
          new ImagePusher(
                  engine.client(),
                  new RegistryClient(ecrToken, log),
                  ecrToken,
                  RetryPolicy.none(),
                  log,
                  false)
              .push(ImageRecords.inBuildDirectory(Path.of(args[3])), Architecture.AMD64);
      System.out.println("pushed " + pushed.repository() + "@" + pushed.digest());
    }
  }
}
