package dev.marble.storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Row write locks. A transaction locks every row it inserts, updates or deletes and keeps the locks
 * until it commits or rolls back; readers take none. A transaction that would wait for a lock held
 * by one that (through others) waits for it is a deadlock: the one asking fails instead of waiting.
 *
 * <p>One monitor guards all locks: waits are rare and short compared with the work between them,
 * and a single wait-for graph makes deadlock detection exact.
 */
final class LockManager {
  /** A row: table (store) id and key. */
  private record RowId(long table, ByteKey key) {}

  private final Map<RowId, Transaction> owners = new HashMap<>();
  private final Map<Transaction, Set<RowId>> held = new HashMap<>();
  private final Map<Transaction, Transaction> waitsFor = new HashMap<>();

  /**
   * Locks the row for {@code tx}, waiting while another transaction holds it.
   *
   * @throws StorageException DEADLOCK, LOCK_TIMEOUT or INTERRUPTED (the interrupt status is kept)
   */
  synchronized void lock(Transaction tx, Table table, byte[] key, long timeoutMillis) {
    RowId row = new RowId(table.def().id(), new ByteKey(key));
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      Transaction owner = owners.get(row);
      if (owner == null || owner == tx) {
        owners.put(row, tx);
        held.computeIfAbsent(tx, t -> new HashSet<>()).add(row);
        waitsFor.remove(tx);
        return;
      }
      if (reaches(owner, tx)) {
        waitsFor.remove(tx);
        throw new StorageException(StorageException.Code.DEADLOCK, "Deadlock on a row of table "
            + table.qualifiedName() + ": two transactions wait for each other's rows; this one was rolled back");
      }
      long remaining = (deadline - System.nanoTime()) / 1_000_000L;
      if (remaining <= 0) {
        waitsFor.remove(tx);
        throw new StorageException(StorageException.Code.LOCK_TIMEOUT, "A row of table " + table.qualifiedName()
            + " stayed locked by another transaction for " + timeoutMillis + " ms (lock_timeout)");
      }
      waitsFor.put(tx, owner);
      try {
        wait(remaining);
      } catch (InterruptedException e) {
        waitsFor.remove(tx);
        Thread.currentThread().interrupt();
        throw new StorageException(StorageException.Code.INTERRUPTED,
            "Interrupted while waiting for a row lock of table " + table.qualifiedName());
      }
    }
  }

  /** Whether following waits-for edges from {@code from} leads to {@code target}. */
  private boolean reaches(Transaction from, Transaction target) {
    Set<Transaction> seen = new HashSet<>();
    for (Transaction t = from; t != null && seen.add(t); t = waitsFor.get(t)) {
      if (t == target) {
        return true;
      }
    }
    return false;
  }

  synchronized void releaseAll(Transaction tx) {
    Set<RowId> rows = held.remove(tx);
    waitsFor.remove(tx);
    if (rows != null) {
      for (RowId row : rows) {
        owners.remove(row);
      }
      notifyAll();
    }
  }
}
