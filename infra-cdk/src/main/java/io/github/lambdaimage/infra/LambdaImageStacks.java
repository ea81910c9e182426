package io.github.lambdaimage.infra;

import io.github.lambdaimage.cdk.LambdaImageCode;
import io.github.lambdaimage.cdk.LambdaImageCodeException;
import io.github.lambdaimage.cdk.LambdaImageContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;

/**
 * Builds the app's stacks. {@link LambdaImageInfra#main} and the tests both come through here, so
 * what is tested is what is deployed.
 */
public final class LambdaImageStacks {

  /** The registry stack's name. */
  public static final String REGISTRY_STACK = "LambdaImageRegistry";

  /** The function stack's name. */
  public static final String FUNCTION_STACK = "LambdaImageFunction";

  /**
   * The stacks of one app.
   *
   * @param registry the ECR repository stack
   * @param function the function stack; empty when only the registry is synthesized
   */
  public record Stacks(RegistryStack registry, Optional<FunctionStack> function) {}

  private LambdaImageStacks() {}

  /**
   * Adds the stacks to {@code app} as its context ({@link ContextKeys}, {@link LambdaImageContext})
   * describes.
   *
   * @param workingDirectory the directory a relative {@value LambdaImageContext#MANIFEST} resolves
   *     against
   * @throws InfraConfigurationException when the context is incomplete or inconsistent
   * @throws LambdaImageCodeException when the image cannot be deployed
   */
  public static Stacks fromContext(App app, Path workingDirectory) {
    ContextValues context = ContextValues.of(app.getNode());
    RegistryStackProps registry = registryProps(context);
    if (context.bool(ContextKeys.REGISTRY_ONLY, false)) {
      return create(app, registry, Optional.empty());
    }
    LambdaImageCode image =
        LambdaImageContext.fromContext(app, workingDirectory, ContextKeys.DEFAULT_MANIFEST);
    return create(app, registry, Optional.of(functionProps(context, image, registry)));
  }

  /** Adds the registry stack and, when {@code function} is present, the function stack. */
  public static Stacks create(
      App app, RegistryStackProps registry, Optional<FunctionStackProps> function) {
    RegistryStack registryStack = new RegistryStack(app, REGISTRY_STACK, registry);
    Optional<FunctionStack> functionStack =
        function.map(props -> new FunctionStack(app, FUNCTION_STACK, props));
    functionStack
        .filter(stack -> stack.repositoryName().equals(registryStack.repositoryName()))
        .ifPresent(
            stack ->
                stack.addStackDependency(
                    registryStack, "the function's image repository is created there"));
    return new Stacks(registryStack, functionStack);
  }

  private static RegistryStackProps registryProps(ContextValues context) {
    return RegistryStackProps.builder()
        .repositoryName(
            context
                .string(ContextKeys.REPOSITORY_NAME)
                .orElse(RegistryStackProps.DEFAULT_REPOSITORY_NAME))
        .keepImages(
            context.integer(
                ContextKeys.KEEP_IMAGES, RegistryStackProps.DEFAULT_KEEP_IMAGES, 1, 10_000))
        .build();
  }

  private static FunctionStackProps functionProps(
      ContextValues context, LambdaImageCode image, RegistryStackProps registry) {
    return FunctionStackProps.builder()
        .image(image)
        .fallbackRepositoryName(registry.repositoryName())
        .memorySize(
            context.integer(ContextKeys.MEMORY, FunctionStackProps.DEFAULT_MEMORY, 128, 10_240))
        .timeoutSeconds(
            context.integer(ContextKeys.TIMEOUT, FunctionStackProps.DEFAULT_TIMEOUT, 1, 900))
        .activeTracing(context.bool(ContextKeys.ACTIVE_TRACING, false))
        .urlAuthType(urlAuthType(context))
        .build();
  }

  private static FunctionUrlAuthType urlAuthType(ContextValues context) {
    String value = context.string(ContextKeys.URL_AUTH).orElse("AWS_IAM");
    switch (value.toUpperCase(Locale.ROOT)) {
      case "AWS_IAM":
        return FunctionUrlAuthType.AWS_IAM;
      case "NONE":
        return FunctionUrlAuthType.NONE;
      default:
        throw new InfraConfigurationException(
            "Context "
                + ContextKeys.URL_AUTH
                + "='"
                + value
                + "' is not a Function URL auth type; use AWS_IAM (callers sign requests) or"
                + " NONE (public URL).");
    }
  }
}
