package io.github.lambdaimage.cdk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.lambda.DockerImageFunctionProps;
import software.amazon.awscdk.services.lambda.FunctionOptions;

/**
 * Copies every option a user set in {@link FunctionOptions} into {@link DockerImageFunctionProps},
 * property by property (each getter to the builder method of the same name), so every option of the
 * aws-cdk-lib version the app runs with passes through, including ones added after this library was
 * built.
 */
final class FunctionOptionsCopy {

  private FunctionOptionsCopy() {}

  /** A builder holding every option set in {@code options}; empty for {@code null}. */
  static DockerImageFunctionProps.Builder of(FunctionOptions options) {
    DockerImageFunctionProps.Builder builder = DockerImageFunctionProps.builder();
    if (options == null) {
      return builder;
    }
    for (Method getter : getters()) {
      try {
        Object value = getter.invoke(options);
        if (value != null) {
          setter(getter).invoke(builder, value);
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot copy the function option " + getter.getName(), e);
      }
    }
    return builder;
  }

  /** The property getters of {@link FunctionOptions}, inherited ones included. */
  static List<Method> getters() {
    List<Method> getters = new ArrayList<>();
    for (Method method : FunctionOptions.class.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0
          && method.getName().startsWith("get")) {
        getters.add(method);
      }
    }
    return getters;
  }

  /** The builder method that sets the property {@code getter} reads. */
  static Method setter(Method getter) {
    String property =
        Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
    for (Method method : DockerImageFunctionProps.Builder.class.getMethods()) {
      if (method.getName().equals(property)
          && method.getParameterCount() == 1
          && method.getParameterTypes()[0].isAssignableFrom(getter.getReturnType())) {
        return method;
      }
    }
    throw new IllegalStateException(
        "DockerImageFunctionProps.Builder has no method "
            + property
            + "("
            + getter.getReturnType().getName()
            + ")");
  }
}
