package io.github.lambdaimage.invoke;

import io.github.lambdaimage.docker.DockerEngine;
import io.github.lambdaimage.docker.DockerJavaLoader;
import io.github.lambdaimage.docker.EngineEndpointResolver;
import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import io.github.lambdaimage.push.ImagePusher;
import io.github.lambdaimage.registry.RegistryClient;
import io.github.lambdaimage.registry.RegistryCredentialProvider;
import io.github.lambdaimage.registry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A push and an invoke as the goals run them against the local engine, loaded by {@link
 * NoDockerJavaIT} in a class loader that cannot see docker-java: any use of it fails.
 */
public final class WithoutDockerJava {

  private WithoutDockerJava() {}

  /**
   * Pushes the amd64 image recorded under {@code pushBuildDirectory}, then invokes the amd64 image
   * recorded under {@code invokeBuildDirectory} once.
   *
   * @return the pushed digest and the function's response, separated by a space
   */
  public static String pushAndInvoke(String pushBuildDirectory, String invokeBuildDirectory) {
    try (DockerEngine engine =
        DockerEngine.connect(
            EngineEndpointResolver.fromSystem().resolve(),
            Duration.ofSeconds(120),
            new DockerJavaLoader(
                () -> {
                  throw new IllegalStateException("docker-java was asked for");
                },
                WithoutDockerJava.class.getClassLoader()))) {
      RegistryCredentialProvider anonymous = RegistryCredentialProvider.anonymous();
      String digest =
          new ImagePusher(
                  engine,
                  new RegistryClient(anonymous, BuildLog.silent()),
                  anonymous,
                  RetryPolicy.none(),
                  BuildLog.silent(),
                  false)
              .push(ImageRecords.inBuildDirectory(Path.of(pushBuildDirectory)), Architecture.AMD64)
              .digest();
      InvokeReport report =
          new FunctionInvoker(engine, BuildLog.silent())
              .invoke(
                  ImageRecords.inBuildDirectory(Path.of(invokeBuildDirectory))
                      .read(Architecture.AMD64),
                  new FunctionSettings("no-docker-java", 256, "eu-west-1", Duration.ofSeconds(30)),
                  List.of(InvocationEvents.DEFAULT));
      return digest + " " + report.invocations().get(0).response();
    }
  }
}
