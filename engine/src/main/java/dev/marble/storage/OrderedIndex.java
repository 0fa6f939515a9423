package dev.marble.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sorted side of an index: every entry as an <em>ordered key</em> (entry key followed by the
 * row key, so two rows never share one) in unsigned byte order, which is SQL order because keys
 * are {@link KeyCodec} encodings. Ranges, ORDER BY and MIN/MAX read it; the hash store of the
 * index stays the authority for uniqueness and point lookups.
 *
 * <p>Two parts: an immutable {@link SortedRun} (mapped from {@value #FILE} on disk) and a
 * concurrent delta of changes since it was written. {@link #fold} merges them into a new run,
 * at a checkpoint or close, with commits paused.
 *
 * <p>Snapshots: a removal does not delete the entry but marks it removed by its commit number,
 * and a cursor at snapshot {@code s} still returns entries removed after {@code s}. So a reader
 * sees every entry its snapshot's rows had; it checks each against the row it fetches (an entry
 * may be newer than the snapshot) and drops mismatches. Marks are purged when no open snapshot
 * predates them.
 *
 * <p>Crash safety: the run is derived data. It is trusted only after a clean close (the close
 * folds every change into it); after a crash it is rebuilt from the hash store, which the redo log
 * has brought up to date.
 */
public final class OrderedIndex {
  static final String FILE = "ordered.idx";

  /** A change since the run: live ({@code removedAt == 0}) or removed by commit {@code removedAt}. */
  private record Change(byte[] rowKey, long removedAt) {}

  /** The run and the delta on top of it, swapped together so a cursor sees one consistent pair. */
  private record State(SortedRun run, ConcurrentSkipListMap<ByteKey, Change> delta) {}

  private final Path file; // null: in memory
  private volatile State state;

  private OrderedIndex(Path file, SortedRun run) {
    this.file = file;
    this.state = new State(run, new ConcurrentSkipListMap<>());
  }

  /**
   * Opens the ordered side of an index whose store is {@code entries}: maps the run in {@code dir}
   * when {@code trusted} (clean close) and intact, else rebuilds it from {@code entries}.
   */
  static OrderedIndex open(Path dir, TableStore entries, boolean trusted) {
    Path file = dir == null ? null : dir.resolve(FILE);
    SortedRun run = file != null && trusted ? SortedRun.map(file) : null;
    if (run != null && run.size() == entries.size()) {
      return new OrderedIndex(file, run);
    }
    return new OrderedIndex(file, sortedRun(file, entries));
  }

  /**
   * Replaces everything with the entries of {@code entries}, sorted in one go: how a new index is
   * filled (cheaper than adding entries one by one and folding). Commits paused, no reader yet.
   */
  void rebuildFrom(TableStore entries) {
    state = new State(sortedRun(file, entries), new ConcurrentSkipListMap<>());
  }

  private static SortedRun sortedRun(Path file, TableStore entries) {
    List<SortedRun.Entry> all = new ArrayList<>();
    try (TableStore.Cursor c = entries.cursor()) {
      while (c.next()) {
        all.add(new SortedRun.Entry(orderedKey(c.key(), c.value()), c.value()));
      }
    }
    all.sort((a, b) -> KeyCodec.compare(a.orderedKey(), b.orderedKey()));
    return file == null ? SortedRun.inMemory(all) : SortedRun.write(file, all);
  }

  /** An index's ordered key: its entry key, then the row key it points to. */
  static byte[] orderedKey(byte[] entryKey, byte[] rowKey) {
    byte[] out = java.util.Arrays.copyOf(entryKey, entryKey.length + rowKey.length);
    System.arraycopy(rowKey, 0, out, entryKey.length, rowKey.length);
    return out;
  }

  void add(byte[] entryKey, byte[] rowKey) {
    state.delta().put(new ByteKey(orderedKey(entryKey, rowKey)), new Change(rowKey, 0));
  }

  /** Marks the entry removed by commit {@code csn} (kept for snapshots older than it). */
  void remove(byte[] entryKey, byte[] rowKey, long csn) {
    state.delta().put(new ByteKey(orderedKey(entryKey, rowKey)), new Change(rowKey, Math.max(csn, 1)));
  }

  /** Empties the index. Callers pause commits; readers of the old contents keep them. */
  void clear() {
    state = new State(file == null ? SortedRun.EMPTY : SortedRun.write(file, List.of()), new ConcurrentSkipListMap<>());
  }

  /** How many changes wait in the delta (a fold would write them into a new run). */
  int pending() {
    return state.delta().size();
  }

  int runSize() {
    return state.run().size();
  }

  /**
   * Merges the delta into a new run, dropping entries removed at or before {@code oldestSnapshot}
   * (no open snapshot can see them); later removals stay marked in the new delta. Commits paused.
   */
  void fold(long oldestSnapshot) {
    State s = state;
    List<SortedRun.Entry> merged = new ArrayList<>(s.run().size() + s.delta().size());
    ConcurrentSkipListMap<ByteKey, Change> kept = new ConcurrentSkipListMap<>();
    Iterator<Map.Entry<ByteKey, Change>> d = s.delta().entrySet().iterator();
    Map.Entry<ByteKey, Change> next = d.hasNext() ? d.next() : null;
    for (int i = 0; i < s.run().size() || next != null; ) {
      int c = i == s.run().size() ? 1 : next == null ? -1 : s.run().compare(i, next.getKey().bytes());
      if (c < 0) {
        merged.add(new SortedRun.Entry(s.run().orderedKey(i), s.run().rowKey(i)));
        i++;
        continue;
      }
      Change change = next.getValue();
      if (change.removedAt() == 0) {
        merged.add(new SortedRun.Entry(next.getKey().bytes(), change.rowKey()));
      } else if (change.removedAt() > oldestSnapshot) {
        merged.add(new SortedRun.Entry(next.getKey().bytes(), change.rowKey()));
        kept.put(next.getKey(), change);
      }
      if (c == 0) {
        i++;
      }
      next = d.hasNext() ? d.next() : null;
    }
    SortedRun run = file == null ? SortedRun.inMemory(merged) : SortedRun.write(file, merged);
    state = new State(run, kept);
  }

  /**
   * Entries with ordered keys in {@code [from, to)} ({@code to == null}: no upper bound) that a
   * reader at {@code snapshot} may need, ascending or descending. Weakly consistent.
   */
  Iterator<byte[][]> range(byte[] from, byte[] to, boolean descending, long snapshot) {
    return new RangeIterator(state, from, to, descending, snapshot);
  }

  /** A merge of the run and the delta over one range; yields {ordered key, row key}. */
  private static final class RangeIterator implements Iterator<byte[][]> {
    private final SortedRun run;
    private final Iterator<Map.Entry<ByteKey, Change>> delta;
    private final byte[] from;
    private final byte[] to;
    private final boolean descending;
    private final long snapshot;
    private int i;
    private Map.Entry<ByteKey, Change> pending;
    private byte[][] next;

    RangeIterator(State state, byte[] from, byte[] to, boolean descending, long snapshot) {
      this.run = state.run();
      this.from = from;
      this.to = to;
      this.descending = descending;
      this.snapshot = snapshot;
      NavigableMap<ByteKey, Change> sub = to == null
          ? state.delta().tailMap(new ByteKey(from), true)
          : state.delta().subMap(new ByteKey(from), true, new ByteKey(to), false);
      this.delta = (descending ? sub.descendingMap() : sub).entrySet().iterator();
      this.pending = delta.hasNext() ? delta.next() : null;
      this.i = descending ? (to == null ? run.size() : run.lowerBound(to)) - 1 : run.lowerBound(from);
    }

    private boolean runHas() {
      if (descending) {
        return i >= 0 && run.compare(i, from) >= 0;
      }
      return i < run.size() && (to == null || run.compare(i, to) < 0);
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        boolean inRun = runHas();
        if (!inRun && pending == null) {
          return false;
        }
        int c; // < 0: the run's entry comes first in this direction, > 0: the delta's
        if (!inRun) {
          c = 1;
        } else if (pending == null) {
          c = -1;
        } else {
          c = run.compare(i, pending.getKey().bytes());
          c = descending ? -c : c;
        }
        if (c < 0) {
          next = new byte[][] {run.orderedKey(i), run.rowKey(i)};
          i += descending ? -1 : 1;
          continue;
        }
        Change change = pending.getValue();
        if (change.removedAt() == 0 || change.removedAt() > snapshot) {
          next = new byte[][] {pending.getKey().bytes(), change.rowKey()};
        }
        if (c == 0) {
          i += descending ? -1 : 1;
        }
        pending = delta.hasNext() ? delta.next() : null;
      }
      return true;
    }

    @Override
    public byte[][] next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      byte[][] out = next;
      next = null;
      return out;
    }
  }
}
