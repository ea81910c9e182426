package io.github.lambdaimage.endpoint;

import io.github.lambdaimage.invoke.InvocationEvent;
import io.github.lambdaimage.invoke.WarmFunction;
import io.github.lambdaimage.runtimeapi.InvocationOutcome;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The warm containers of one function, at most {@code concurrency} of them. An invocation takes an
 * idle container, or starts one while fewer than the limit run; beyond the limit, invocations wait
 * in arrival order (a fair semaphore) for a container to come free, as if Lambda's reserved
 * concurrency were the limit but without throttling. A container whose invocation timed out, failed
 * to initialise or exited is removed and replaced on demand, as Lambda resets the execution
 * environment.
 */
final class FunctionPool implements AutoCloseable {
  private final String name;
  private final int concurrency;
  private final Supplier<WarmFunction> starter;
  private final Semaphore permits;
  private final Deque<WarmFunction> idle = new LinkedBlockingDeque<>();
  private final Set<WarmFunction> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param name the function name callers use
   * @param concurrency how many containers may run at the same time, at least 1
   * @param starter starts one warm container
   */
  FunctionPool(String name, int concurrency, Supplier<WarmFunction> starter) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("Concurrency must be at least 1, was " + concurrency);
    }
    this.name = name;
    this.concurrency = concurrency;
    this.starter = starter;
    this.permits = new Semaphore(concurrency, true);
  }

  /** The function name. */
  String name() {
    return name;
  }

  /** How many containers may run at the same time. */
  int concurrency() {
    return concurrency;
  }

  /** How many containers run now. */
  int containers() {
    return running.size();
  }

  /** Starts the first container, so that the first invocation finds it warm. */
  void warmUp() {
    idle.add(start());
  }

  /**
   * Sends one event to an idle container, waiting for one when all {@code concurrency} are busy.
   *
   * @throws io.github.lambdaimage.invoke.FunctionFailedException when the container exits before
   *     answering (it is replaced)
   * @throws IllegalStateException when the pool is closed
   * @throws InterruptedException when interrupted while waiting for a container
   */
  InvocationOutcome invoke(String requestId, InvocationEvent event) throws InterruptedException {
    permits.acquire();
    try {
      requireOpen();
      WarmFunction function = idle.pollFirst();
      if (function == null) {
        function = start();
      }
      boolean reusable = false;
      try {
        InvocationOutcome outcome = function.invoke(requestId, event);
        reusable =
            outcome instanceof InvocationOutcome.Response
                || outcome instanceof InvocationOutcome.FunctionError;
        return outcome;
      } finally {
        if (reusable && !closed) {
          idle.addFirst(function);
        } else {
          remove(function);
        }
      }
    } finally {
      permits.release();
    }
  }

  /** Removes every container; invocations still running fail. */
  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (WarmFunction function : List.copyOf(running)) {
      try {
        remove(function);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    idle.clear();
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private WarmFunction start() {
    WarmFunction function = starter.get();
    running.add(function);
    if (closed) {
      remove(function);
      requireOpen();
    }
    return function;
  }

  private void remove(WarmFunction function) {
    if (running.remove(function)) {
      function.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Function " + name + " is stopped");
    }
  }
}
