package dev.marble.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Query timeouts: one daemon thread sets a statement's cancel flag when its deadline passes; the
 * engine checks the flag while it scans and writes.
 */
final class QueryTimeouts {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "marble-query-timeout");
    t.setDaemon(true);
    return t;
  });

  private QueryTimeouts() {}

  static ScheduledFuture<?> arm(AtomicBoolean cancel, int seconds) {
    return TIMER.schedule(() -> cancel.set(true), seconds, TimeUnit.SECONDS);
  }
}
