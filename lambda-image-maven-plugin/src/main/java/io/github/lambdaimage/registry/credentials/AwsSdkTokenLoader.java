package io.github.lambdaimage.registry.credentials;

import io.github.lambdaimage.errors.EnvironmentException;
import io.github.lambdaimage.loading.ChildFirstClassLoader;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link EcrCredentials.TokenService} through the AWS SDK, which the plugin does not carry: its 28
 * jars in the plugin's class path made Maven's set-up of every goal about 0.17 s slower, for a
 * token only pushes to Amazon ECR need. The first token asks {@code sdkJars} for the SDK's jars and
 * loads {@link AwsSdkEcrTokens} in a class loader over them, whose parent is the plugin's.
 */
final class AwsSdkTokenLoader implements EcrCredentials.TokenService {

  static final String IMPLEMENTATION = "io.github.lambdaimage.registry.credentials.AwsSdkEcrTokens";

  private final Supplier<List<Path>> sdkJars;
  private final ClassLoader parent;
  private final URI endpointOverride;
  private EcrCredentials.TokenService loaded;

  /**
   * @param sdkJars resolves the SDK's jars, called once, on the first token
   * @param parent the class loader of the plugin (tests pass one that hides the SDK)
   * @param endpointOverride the ECR API endpoint, or {@code null} for the region's own
   */
  AwsSdkTokenLoader(Supplier<List<Path>> sdkJars, ClassLoader parent, URI endpointOverride) {
    this.sdkJars = sdkJars;
    this.parent = parent;
    this.endpointOverride = endpointOverride;
  }

  @Override
  public String authorizationToken(EcrRegistryHost host) {
    return tokens().authorizationToken(host);
  }

  private synchronized EcrCredentials.TokenService tokens() {
    if (loaded == null) {
      loaded = load();
    }
    return loaded;
  }

  private EcrCredentials.TokenService load() {
    @SuppressWarnings("resource") // lives as long as the tokens it serves
    ChildFirstClassLoader loader =
        ChildFirstClassLoader.beside(
            EcrCredentials.class, sdkJars.get(), parent, IMPLEMENTATION::equals);
    try {
      return (EcrCredentials.TokenService)
          loader.callStatic(IMPLEMENTATION, "create", new Class<?>[] {URI.class}, endpointOverride);
    } catch (InvocationTargetException e) {
      throw new EnvironmentException(
          "Cannot start the AWS SDK for Amazon ECR tokens: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new EnvironmentException(
          "Cannot load the AWS SDK for Amazon ECR tokens from " + loader.jars() + ": " + e, e);
    }
  }
}
