package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sorted side of an index: merge of run and delta, both directions, snapshots, folds, reopen. */
class OrderedIndexTest {
  private static final TableStore.StoreOptions OPTIONS = TableStore.StoreOptions.defaults(8, false, 8);

  @TempDir
  Path dir;

  private static byte[] k(int v) {
    return KeyCodec.encode(new ColumnType[] {ColumnType.INTEGER}, null, new Object[] {v});
  }

  private static byte[] row(int id) {
    return KeyCodec.encode(new ColumnType[] {ColumnType.BIGINT}, null, new Object[] {(long) id});
  }

  /** Row ids of the entries in [from, to) visible at {@code snapshot}. */
  private static List<Long> ids(OrderedIndex index, Integer from, Integer to, boolean desc, long snapshot) {
    List<Long> out = new ArrayList<>();
    Iterator<byte[][]> it = index.range(from == null ? new byte[0] : k(from), to == null ? null : k(to), desc, snapshot);
    while (it.hasNext()) {
      out.add((Long) KeyCodec.decode(new ColumnType[] {ColumnType.BIGINT}, null, it.next()[1])[0]);
    }
    return out;
  }

  @Test
  void runAndDeltaMergeInBothDirections() {
    try (TableStore entries = TableStore.create(dir.resolve("s"), OPTIONS)) {
      OrderedIndex index = OrderedIndex.open(dir.resolve("s"), entries, false);
      for (int v : new int[] {5, 1, 9, 3}) {
        index.add(k(v), row(v));
      }
      index.fold(0);
      index.add(k(4), row(4));
      index.add(k(10), row(10));
      index.remove(k(3), row(3), 7);
      assertEquals(List.of(1L, 4L, 5L, 9L, 10L), ids(index, null, null, false, 7));
      assertEquals(List.of(10L, 9L, 5L, 4L, 1L), ids(index, null, null, true, 7));
      assertEquals(List.of(3L, 4L, 5L), ids(index, 2, 6, false, 6), "a snapshot before the removal still sees 3");
      assertEquals(List.of(5L, 4L, 3L), ids(index, 2, 6, true, 6));
      assertEquals(List.of(9L, 10L), ids(index, 6, null, false, 7));
    }
  }

  @Test
  void foldKeepsRemovalsOpenSnapshotsStillNeed() {
    try (TableStore entries = TableStore.create(dir.resolve("s"), OPTIONS)) {
      OrderedIndex index = OrderedIndex.open(dir.resolve("s"), entries, false);
      index.add(k(1), row(1));
      index.add(k(2), row(2));
      index.remove(k(1), row(1), 5);
      index.fold(4); // a snapshot at 4 is open: entry 1 must survive for it
      assertEquals(List.of(1L, 2L), ids(index, null, null, false, 4));
      assertEquals(List.of(2L), ids(index, null, null, false, 5));
      index.fold(5);
      assertEquals(1, index.runSize());
      assertEquals(0, index.pending());
    }
  }

  @Test
  void aTrustedOpenMapsTheFileAndAnUntrustedOneRebuildsFromTheStore() {
    Path s = dir.resolve("s");
    try (TableStore entries = TableStore.create(s, OPTIONS)) {
      for (int v = 0; v < 100; v++) {
        entries.put(k(v), row(v));
      }
      OrderedIndex built = OrderedIndex.open(s, entries, false);
      assertEquals(100, built.runSize());
      // Change the store behind the run's back, keeping its size: only a rebuild notices.
      entries.remove(k(0));
      entries.put(k(500), row(500));
      OrderedIndex trusted = OrderedIndex.open(s, entries, true);
      assertEquals(0L, ids(trusted, null, null, false, 0).get(0));
      OrderedIndex rebuilt = OrderedIndex.open(s, entries, false);
      assertEquals(1L, ids(rebuilt, null, null, false, 0).get(0));
      assertEquals(500L, ids(rebuilt, null, null, true, 0).get(0));
    }
  }
}
