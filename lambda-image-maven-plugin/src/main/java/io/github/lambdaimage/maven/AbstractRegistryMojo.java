package io.github.lambdaimage.maven;

import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.credentials.CredentialResolver;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that talk to registries (base image resolution, push): one credential resolver per goal
 * execution, so base images and pushes use the same sources, and the registry time limit.
 */
abstract class AbstractRegistryMojo extends AbstractLambdaImageMojo {

  /**
   * How long each registry request (a manifest, a blob, a token) may take as a whole, in seconds: a
   * registry or token service that accepts the connection and then stalls fails the request after
   * this long instead of hanging the build. Transient failures are retried.
   */
  @Parameter(property = PropertyNames.REGISTRY_TIMEOUT, defaultValue = "60")
  private int registryTimeout;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

  private CredentialResolver credentials;

  /**
   * Registry credentials, first found wins: the {@code settings.xml} {@code <server>} whose id is
   * the registry host, the Docker configuration, then Amazon ECR with the AWS default chain.
   */
  protected synchronized CredentialResolver registryCredentials() {
    if (credentials == null) {
      credentials =
          CredentialResolver.standard(
              new MavenServerCredentials(settings, settingsDecrypter),
              () -> AwsSdkJars.resolve(repositorySystem, session, project),
              buildLog());
    }
    return credentials;
  }

  /** A registry client with {@link #registryCredentials()} and the configured time limit. */
  protected RegistryClient registryClient() {
    return new RegistryClient(
        registryCredentials(), Duration.ofSeconds(Math.max(1, registryTimeout)), buildLog());
  }
}
