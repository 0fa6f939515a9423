package dev.marble.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Rows of a table in the order of one of its indexes, over a list of ordered-key intervals, as a
 * statement's snapshot (and its transaction's own writes) sees them.
 *
 * <p>Candidates come from the {@link OrderedIndex} (which keeps entries a snapshot may still need)
 * merged with the transaction's own new entries. Each candidate's row is read through the
 * snapshot and kept only if its indexed values still produce the candidate's key: an entry newer
 * than the snapshot, or one this transaction replaced, never yields a wrong row, and each row
 * appears once, under the entry its visible version has.
 */
final class IndexCursor implements TableStore.Cursor {
  private final Transaction tx;
  private final Table table;
  private final Table.Index index;
  private final ReadView view;
  private final Iterator<byte[][]> intervals;
  private final boolean descending;
  private final NavigableMap<ByteKey, byte[]> own;
  private final Object[] values;
  private Iterator<byte[][]> committed = Collections.emptyIterator();
  private Iterator<Map.Entry<ByteKey, byte[]>> mine = Collections.emptyIterator();
  private byte[][] nextCommitted;
  private Map.Entry<ByteKey, byte[]> nextMine;
  private byte[] key;
  private byte[] value;

  /**
   * @param intervals {lo, hi} pairs of ordered keys ({@code hi} null: unbounded), disjoint and
   *     sorted in scan direction
   * @param own this transaction's new entries of the index, ordered key to row key
   */
  IndexCursor(Transaction tx, Table table, Table.Index index, ReadView view, List<byte[][]> intervals,
      boolean descending, NavigableMap<ByteKey, byte[]> own) {
    this.tx = tx;
    this.table = table;
    this.index = index;
    this.view = view;
    this.intervals = intervals.iterator();
    this.descending = descending;
    this.own = own;
    this.values = new Object[index.positions().length];
  }

  @Override
  public boolean next() {
    while (true) {
      byte[][] candidate = nextCandidate();
      if (candidate == null) {
        return false;
      }
      byte[] row = tx.readAt(table, candidate[1], view);
      if (row != null && matches(candidate, row)) {
        key = candidate[1];
        value = row;
        return true;
      }
    }
  }

  private boolean matches(byte[][] candidate, byte[] row) {
    table.decode(candidate[1], row, index.positions(), values);
    byte[] entry = index.entryKeyOfValues(values, candidate[1]);
    return Arrays.equals(OrderedIndex.orderedKey(entry, candidate[1]), candidate[0]);
  }

  /** The next {ordered key, row key} in scan order, committed and own merged; null at the end. */
  private byte[][] nextCandidate() {
    while (nextCommitted == null && nextMine == null) {
      if (!committed.hasNext() && !mine.hasNext()) {
        if (!intervals.hasNext()) {
          return null;
        }
        open(intervals.next());
      }
      nextCommitted = committed.hasNext() ? committed.next() : null;
      nextMine = mine.hasNext() ? mine.next() : null;
    }
    int c;
    if (nextCommitted == null) {
      c = 1;
    } else if (nextMine == null) {
      c = -1;
    } else {
      c = KeyCodec.compare(nextCommitted[0], nextMine.getKey().bytes());
      c = descending ? -c : c;
    }
    byte[][] out;
    if (c <= 0) {
      out = nextCommitted;
      nextCommitted = committed.hasNext() ? committed.next() : null;
      if (c == 0) {
        nextMine = mine.hasNext() ? mine.next() : null;
      }
    } else {
      out = new byte[][] {nextMine.getKey().bytes(), nextMine.getValue()};
      nextMine = mine.hasNext() ? mine.next() : null;
    }
    return out;
  }

  private void open(byte[][] interval) {
    byte[] lo = interval[0];
    byte[] hi = interval[1];
    committed = index.ordered().range(lo, hi, descending, view.csn());
    NavigableMap<ByteKey, byte[]> sub = hi == null ? own.tailMap(new ByteKey(lo), true)
        : own.subMap(new ByteKey(lo), true, new ByteKey(hi), false);
    mine = (descending ? sub.descendingMap() : sub).entrySet().iterator();
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
    // nothing pinned: the run stays mapped while referenced
  }
}
