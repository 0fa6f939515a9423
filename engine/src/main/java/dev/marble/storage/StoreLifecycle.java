package dev.marble.storage;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.hash.ChronicleHashClosedException;

/**
 * Whether a table store is open, and the lock that keeps it open during an operation.
 *
 * <p>Invariants: every operation holds {@link #shared()} and calls {@link #checkOpen()} before
 * touching a shard; close, clear and drop hold {@link #exclusive()}, so no operation ever sees a
 * half-closed or half-cleared store. Once closed, a store never reopens. Cursors take the shared
 * lock per batch only, so a store can close under an open cursor, which then fails with CLOSED.
 */
final class StoreLifecycle {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String where;
  private volatile boolean closed;

  StoreLifecycle(String where) {
    this.where = where;
  }

  /** Held by every operation. */
  Lock shared() {
    return lock.readLock();
  }

  /** Held by close, clear and drop. */
  Lock exclusive() {
    return lock.writeLock();
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the store closed; false when it already was. Call with {@link #exclusive()} held. */
  boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /** @throws StorageException CLOSED once the store is closed */
  void checkOpen() {
    if (closed) {
      throw new StorageException(StorageException.Code.CLOSED, "Table store " + where + " is closed");
    }
  }

  /** Chronicle's exception as the store reports it: CLOSED when a map or the store was closed. */
  RuntimeException translate(IllegalStateException e) {
    if (e instanceof ChronicleHashClosedException || closed) {
      return new StorageException(StorageException.Code.CLOSED, "Table store " + where + " is closed", e);
    }
    return e;
  }
}
