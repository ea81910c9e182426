package io.github.lambdaimage.loading;

import java.net.URL;
import java.net.URLClassLoader;
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
