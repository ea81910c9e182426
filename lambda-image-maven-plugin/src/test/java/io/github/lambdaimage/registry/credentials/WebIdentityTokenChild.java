package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.registry.ImageReference;
import io.github.lambdaimage.registry.Manifest;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentials;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a push does for its credentials, in a JVM of its own whose environment the test sets (the
 * AWS SDK reads {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code
 * AWS_ENDPOINT_URL_*} from the environment): resolve the ECR host's credentials through the
 * standard resolver, with the SDK loaded from its jars as the plugin loads it, then authenticate to
 * the registry with them.
 *
 * <p>Arguments: the SDK's jars (path-separated), the ECR host, the image to read from the registry.
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
    ImageReference image = ImageReference.parse(args[2]);
    Manifest manifest = new RegistryClient(registry -> Optional.of(found), log).getManifest(image);
    System.out.println("read " + image + " as " + manifest.digest());
  }
}
