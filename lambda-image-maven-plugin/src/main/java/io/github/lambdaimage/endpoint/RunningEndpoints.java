package io.github.lambdaimage.endpoint;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The endpoints started in this JVM, by owner (the project), so that a later goal of the same build
 * finds the endpoint an earlier goal started: Maven runs {@code lambda-image:start} and {@code
 * lambda-image:stop} in one JVM, and both see this class through the same plugin class realm.
 *
 * <p>Thread safety: a parallel build ({@code -T}) runs different projects on different threads at
 * the same time, but the goals of one project one after another on one thread. Owners are distinct
 * per project, so each entry is only ever touched by one thread at a time; the map itself is a
 * {@link ConcurrentHashMap}, whose {@code putIfAbsent} and {@code remove} are atomic, so entries of
 * different projects never disturb each other. Each endpoint removes its containers also from a JVM
 * shutdown hook, should Maven stop before {@code lambda-image:stop} runs.
 */
public final class RunningEndpoints {
  private static final ConcurrentMap<String, LocalEndpoint> BY_OWNER = new ConcurrentHashMap<>();

  private RunningEndpoints() {}

  /**
   * Records {@code endpoint} for {@code owner}.
   *
   * @return false, recording nothing, when {@code owner} already has one
   */
  public static boolean register(String owner, LocalEndpoint endpoint) {
    return BY_OWNER.putIfAbsent(owner, endpoint) == null;
  }

  /** The endpoint of {@code owner}, if one runs. */
  public static Optional<LocalEndpoint> find(String owner) {
    return Optional.ofNullable(BY_OWNER.get(owner));
  }

  /** Forgets and returns the endpoint of {@code owner}; the caller closes it. */
  public static Optional<LocalEndpoint> remove(String owner) {
    return Optional.ofNullable(BY_OWNER.remove(owner));
  }
}
