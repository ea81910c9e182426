package io.github.lambdaimage.loading;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Loads the plugin's classes that use a library the plugin does not carry (the AWS SDK,
 * docker-java) beside that library: the classes {@code childFirst} accepts come from this loader's
 * jars (the plugin's jar among them), everything else parent first, so the plugin's own types stay
 * the plugin's.
 */
public final class ChildFirstClassLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final Predicate<String> childFirst;

  /**
   * @param urls the plugin's jar and the library's jars
   * @param parent the plugin's class loader
   * @param childFirst the names of the classes to load from {@code urls} even if the parent has
   *     them
   */
  public ChildFirstClassLoader(URL[] urls, ClassLoader parent, Predicate<String> childFirst) {
    super(urls, parent);
    this.childFirst = childFirst;
  }

  /**
   * A loader over the jar that holds {@code pluginClass} and the library's {@code jars}.
   *
   * @param parent the plugin's class loader
   * @param childFirst the names of the plugin's classes to load beside the library
   */
  public static ChildFirstClassLoader beside(
      Class<?> pluginClass, List<Path> jars, ClassLoader parent, Predicate<String> childFirst) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(pluginClass.getProtectionDomain().getCodeSource().getLocation());
      for (Path jar : jars) {
        urls.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
    return new ChildFirstClassLoader(urls.toArray(URL[]::new), parent, childFirst);
  }

  /**
   * Loads and initialises {@code className} through this loader and calls its static method {@code
   * method}, which need not be public.
   *
   * @throws java.lang.reflect.InvocationTargetException wrapping what the method threw
   * @throws ReflectiveOperationException when the class or method cannot be loaded
   */
  public Object callStatic(
      String className, String method, Class<?>[] parameterTypes, Object... arguments)
      throws ReflectiveOperationException {
    Method factory = Class.forName(className, true, this).getDeclaredMethod(method, parameterTypes);
    factory.setAccessible(true);
    return factory.invoke(null, arguments);
  }

  /** The jars this loader reads, for messages. */
  public List<URL> jars() {
    return List.of(getURLs());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!childFirst.test(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = findClass(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }
}
