package dev.marble.storage;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DatabaseListener}s of one database, copy-on-write: the commit path reads one volatile
 * array and, with nobody listening, neither reads the clock nor allocates.
 *
 * <p>Usage: {@code long t = listeners.start(); ...work...; listeners.committed(t);}. A listener
 * added while the work runs hears from the next one on; a listener removed meanwhile may hear of
 * it once more.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final DatabaseListener[] NONE = {};
  /** What {@link #start} returns when nobody listens; System.nanoTime() is practically never this. */
  static final long NOT_TIMED = Long.MIN_VALUE;

  private volatile DatabaseListener[] all = NONE;

  synchronized void add(DatabaseListener listener) {
    DatabaseListener[] next = Arrays.copyOf(all, all.length + 1);
    next[all.length] = listener;
    all = next;
  }

  synchronized void remove(DatabaseListener listener) {
    DatabaseListener[] now = all;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == listener) {
        DatabaseListener[] next = new DatabaseListener[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, next.length - i);
        all = next;
        return;
      }
    }
  }

  /** The clock when somebody listens, else {@link #NOT_TIMED}. */
  long start() {
    return all.length == 0 ? NOT_TIMED : System.nanoTime();
  }

  void committed(long start) {
    report(Event.COMMITTED, start);
  }

  void redoLogForced(long start) {
    report(Event.REDO_LOG_FORCED, start);
  }

  void checkpointed(long start) {
    report(Event.CHECKPOINTED, start);
  }

  private enum Event { COMMITTED, REDO_LOG_FORCED, CHECKPOINTED }

  /** A switch rather than a lambda per event: reporting allocates nothing. */
  private void report(Event event, long start) {
    if (start == NOT_TIMED) {
      return;
    }
    long nanos = System.nanoTime() - start;
    for (DatabaseListener l : all) {
      try {
        switch (event) {
          case COMMITTED -> l.committed(nanos);
          case REDO_LOG_FORCED -> l.redoLogForced(nanos);
          case CHECKPOINTED -> l.checkpointed(nanos);
        }
      } catch (RuntimeException e) {
        LOG.warn("Database listener {} failed: {}", l, e.toString(), e);
      }
    }
  }
}
