package dev.marble.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read snapshots. The stores hold the newest committed rows; when a commit overwrites or deletes a
 * row, the row's previous committed bytes are kept here, tagged with the commit's number, for as
 * long as a snapshot older than that commit is open. A reader at snapshot {@code s} sees, for each
 * key, the value before the first change numbered above {@code s}: so a statement (READ
 * COMMITTED) or a transaction (REPEATABLE READ, SERIALIZABLE) never sees part of a commit, and
 * never waits for one.
 *
 * <p>Invariants: commits record their changes before touching a store and publish their number
 * after the last store write, all under the database's commit lock; a snapshot's number is the
 * last published commit. Readers read the store first, then the changes, so whichever of a
 * concurrent commit's two steps they observe, they resolve the same value.
 */
final class Versions {
  /** A change a commit made to a key: what the key held before ({@code null}: absent). */
  private record Change(long csn, byte[] previous) {}

  /** Open snapshots: one per running statement (READ COMMITTED) or per transaction. */
  final class Snapshot implements AutoCloseable {
    final long csn;
    private int refs = 1;

    private Snapshot(long csn) {
      this.csn = csn;
    }

    /** Another user of this snapshot (a cursor outliving its statement); close once each. */
    Snapshot retain() {
      synchronized (Versions.this) {
        refs++;
      }
      return this;
    }

    @Override
    public void close() {
      synchronized (Versions.this) {
        if (--refs == 0) {
          release(csn);
        }
      }
    }
  }

  private final Map<Long, Map<ByteKey, Change[]>> changes = new ConcurrentHashMap<>();
  /** Snapshot numbers in use, with how many snapshots use each. Guarded by {@code this}. */
  private final TreeMap<Long, Integer> active = new TreeMap<>();
  private long published;
  private int releases;

  synchronized Snapshot open() {
    active.merge(published, 1, Integer::sum);
    return new Snapshot(published);
  }

  /**
   * Danger: a commit may be between recording its changes and publishing its number; those records
   * (numbered above {@link #published}) must survive, or a snapshot opened now would see part of it.
   */
  private void release(long csn) {
    active.computeIfPresent(csn, (k, n) -> n == 1 ? null : n - 1);
    if (active.isEmpty()) {
      prune(published);
    } else if (++releases % 256 == 0) {
      prune(active.firstKey());
    }
  }

  /** Drops changes no open snapshot can see past (all numbered at or below the oldest snapshot). */
  private void prune(long oldest) {
    for (Map<ByteKey, Change[]> table : changes.values()) {
      table.replaceAll((k, list) -> {
        int i = 0;
        while (i < list.length && list[i].csn() <= oldest) {
          i++;
        }
        return i == 0 ? list : Arrays.copyOfRange(list, i, list.length);
      });
      table.values().removeIf(list -> list.length == 0);
    }
  }

  /** The oldest commit number an open snapshot reads at (the last published one when none is open). */
  synchronized long oldestSnapshot() {
    return active.isEmpty() ? published : active.firstKey();
  }

  /** Commit side, before the store write: {@code key} held {@code previous} until commit {@code csn}. */
  void recordChange(long table, ByteKey key, long csn, byte[] previous) {
    changes.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).merge(key, new Change[] {new Change(csn, previous)},
        (old, add) -> {
          Change[] all = Arrays.copyOf(old, old.length + 1);
          all[old.length] = add[0];
          return all;
        });
  }

  /**
   * Commit side, after the last store write: snapshots opened from now on see commit {@code csn}.
   * Commits are serialised, so no other commit has records in flight here.
   */
  synchronized void publish(long csn) {
    published = csn;
    if (active.isEmpty()) {
      changes.clear();
    }
  }

  /** The value of {@code key} at {@code snapshot}, given what the store holds now. */
  byte[] resolve(long table, ByteKey key, byte[] current, long snapshot) {
    Map<ByteKey, Change[]> t = changes.get(table);
    Change[] list = t == null ? null : t.get(key);
    return list == null ? current : resolve(list, current, snapshot);
  }

  private static byte[] resolve(Change[] list, byte[] current, long snapshot) {
    for (Change c : list) {
      if (c.csn() > snapshot) {
        return c.previous();
      }
    }
    return current;
  }

  /** A cursor over {@code store} as it was at {@code snapshot} (values empty when {@code keysOnly}). */
  TableStore.Cursor cursor(long table, TableStore store, long snapshot, boolean keysOnly) {
    Map<ByteKey, Change[]> t = changes.computeIfAbsent(table, k -> new ConcurrentHashMap<>());
    return new SnapshotCursor(store, t, snapshot, keysOnly);
  }

  /**
   * Rows of the store resolved at the snapshot, then the rows the snapshot still sees but the store
   * no longer holds (deleted by later commits). The second pass skips keys the store holds: the
   * first pass saw those (a key present throughout is seen exactly once).
   */
  private static final class SnapshotCursor implements TableStore.Cursor {
    private final TableStore tableStore;
    private final TableStore.Cursor store;
    private final Map<ByteKey, Change[]> changes;
    private final long snapshot;
    private java.util.Iterator<Map.Entry<ByteKey, Change[]>> gone;
    private byte[] key;
    private byte[] value;

    SnapshotCursor(TableStore tableStore, Map<ByteKey, Change[]> changes, long snapshot, boolean keysOnly) {
      this.tableStore = tableStore;
      this.store = tableStore.cursor(keysOnly);
      this.changes = changes;
      this.snapshot = snapshot;
    }

    @Override
    public boolean next() {
      if (gone == null) {
        while (store.next()) {
          byte[] k = store.key();
          byte[] v = store.value();
          if (!changes.isEmpty()) {
            Change[] list = changes.get(new ByteKey(k));
            if (list != null) {
              v = resolve(list, v, snapshot);
            }
          }
          if (v != null) {
            key = k;
            value = v;
            return true;
          }
        }
        gone = changes.entrySet().iterator();
      }
      while (gone.hasNext()) {
        Map.Entry<ByteKey, Change[]> e = gone.next();
        byte[] v = resolve(e.getValue(), null, snapshot);
        if (v != null && tableStore.containsKey(e.getKey().bytes())) {
          continue;
        }
        if (v != null) {
          key = e.getKey().bytes();
          value = v;
          return true;
        }
      }
      return false;
    }

    @Override
    public byte[] key() {
      return key;
    }

    @Override
    public byte[] value() {
      return value;
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
