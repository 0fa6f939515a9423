package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.marble.storage.TableStore.Cursor;
import dev.marble.storage.TableStore.StoreOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableStoreTest {
  /** Small shards so that a few thousand rows go through many rebuilds and splits. */
  private static final StoreOptions SMALL = StoreOptions.defaults(8, false, 1500)
      .withInitialEntries(64).withMaxShardEntries(256);

  @TempDir Path tmp;

  // ------------------------------------------------------------------------------ helpers

  static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  /** A deterministic value of 100..3000 bytes (or minLen..maxLen) for row i. */
  static byte[] value(long i, int version, int minLen, int maxLen) {
    Random r = new Random(i * 31 + version);
    byte[] v = new byte[minLen + r.nextInt(maxLen - minLen + 1)];
    r.nextBytes(v);
    return v;
  }

  static byte[] value(long i) {
    return value(i, 0, 100, 3000);
  }

  private static Set<String> files(Path dir) throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  private static long shardFiles(Path dir) throws IOException {
    return files(dir).stream().filter(n -> n.endsWith(TableStore.SHARD_SUFFIX)).count();
  }

  private static long overflowFiles(Path dir) throws IOException {
    Path o = dir.resolve(TableStore.OVERFLOW_DIR);
    if (!Files.isDirectory(o)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(o)) {
      return s.count();
    }
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  // -------------------------------------------------------------------------------- tests

  @Test
  void crudAndPersistence() {
    Path dir = tmp.resolve("t1");
    try (TableStore s = TableStore.create(dir, StoreOptions.defaults(8, false, 100))) {
      assertNull(s.get(key(1)));
      assertFalse(s.containsKey(key(1)));
      s.put(key(1), "one".getBytes());
      s.put(key(2), new byte[0]);
      assertArrayEquals("one".getBytes(), s.get(key(1)));
      assertArrayEquals(new byte[0], s.get(key(2)));
      assertTrue(s.containsKey(key(2)));
      s.put(key(1), "uno".getBytes());
      assertArrayEquals("uno".getBytes(), s.get(key(1)));
      assertFalse(s.putIfAbsent(key(1), "x".getBytes()));
      assertArrayEquals("uno".getBytes(), s.get(key(1)));
      assertTrue(s.putIfAbsent(key(3), "three".getBytes()));
      assertEquals(3, s.size());
      assertTrue(s.remove(key(2)));
      assertFalse(s.remove(key(2)));
      assertEquals(2, s.size());
      s.put(new byte[0], "empty key".getBytes());
      assertArrayEquals("empty key".getBytes(), s.get(new byte[0]));
      s.force();
    }
    for (boolean recover : new boolean[] {false, true}) {
      try (TableStore s = TableStore.open(dir, StoreOptions.defaults(8, false, 100), recover)) {
        assertEquals(3, s.size());
        assertArrayEquals("uno".getBytes(), s.get(key(1)));
        assertArrayEquals("three".getBytes(), s.get(key(3)));
        assertNull(s.get(key(2)));
      }
    }
    TableStore closed = TableStore.open(dir, StoreOptions.defaults(8, false, 100), false);
    closed.close();
    closed.close();
    assertEquals(StorageException.Code.CLOSED, assertThrows(StorageException.class, () -> closed.get(key(1))).code());
    assertEquals(StorageException.Code.NOT_FOUND,
        assertThrows(StorageException.class, () -> TableStore.open(tmp.resolve("none"), StoreOptions.defaults(), false)).code());
  }

  @Test
  void constantKeySizeIsEnforced() {
    try (TableStore s = TableStore.create(null, StoreOptions.defaults(8, true, 16))) {
      s.put(key(5), new byte[16]);
      assertThrows(IllegalArgumentException.class, () -> s.put(new byte[9], new byte[1]));
      assertArrayEquals(new byte[16], s.get(key(5)));
    }
  }

  @Test
  void absurdKeysAreRejectedCleanly() {
    try (TableStore s = TableStore.create(null, StoreOptions.defaults(8, false, 100).withInitialEntries(64))) {
      StorageException e = assertThrows(StorageException.class, () -> s.put(new byte[100_000], new byte[10]));
      assertEquals(StorageException.Code.TOO_LARGE, e.code());
      assertEquals(0, s.size());
      s.put(key(1), new byte[10]);
      assertEquals(1, s.size());
    }
  }

  @Test
  void growsThroughSplitsAndKeepsEveryRowAfterReopen() throws Exception {
    Path dir = tmp.resolve("grow");
    int rows = 20_000;
    long t0 = System.nanoTime();
    try (TableStore s = TableStore.create(dir, SMALL)) {
      for (int i = 0; i < rows; i++) {
        s.put(key(i), value(i));
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("grow: %d rows in %d ms (%.0f rows/s), %d shards, %d splits, %d rebuilds, %.1f MB on disk%n",
          rows, ms, rows * 1000.0 / Math.max(1, ms), s.shardCount(), s.splitCount(), s.rebuildCount(),
          s.diskBytes() / 1e6);
      assertTrue(s.splitCount() >= 20, "splits: " + s.splitCount());
      assertTrue(s.rebuildCount() >= 1, "rebuilds: " + s.rebuildCount());
      assertEquals(rows, s.size());
      for (int i = 0; i < rows; i += 7) {
        assertArrayEquals(value(i), s.get(key(i)), "row " + i);
      }
      // overwrite and delete some across shards
      for (int i = 0; i < rows; i += 10) {
        s.put(key(i), value(i, 1, 100, 3000));
      }
      for (int i = 5; i < rows; i += 10) {
        assertTrue(s.remove(key(i)));
      }
      assertEquals(shardFiles(dir), s.shardCount(), "retired shard files are deleted");
    }
    try (TableStore s = TableStore.open(dir, SMALL, false)) {
      assertEquals(rows - rows / 10, s.size());
      for (int i = 0; i < rows; i++) {
        byte[] expected = i % 10 == 5 ? null : i % 10 == 0 ? value(i, 1, 100, 3000) : value(i);
        assertArrayEquals(expected, s.get(key(i)), "row " + i);
      }
      s.put(key(rows), value(rows));
      assertArrayEquals(value(rows), s.get(key(rows)));
    }
  }

  @Test
  void runningOutOfTiersGrowsInsteadOfFailing() {
    // values far larger than announced: Chronicle runs out of segment tiers long before the entry count
    StoreOptions lying = StoreOptions.defaults(8, false, 10).withInitialEntries(64).withMaxShardEntries(100_000);
    try (TableStore s = TableStore.create(tmp.resolve("tiers"), lying)) {
      for (int i = 0; i < 3000; i++) {
        s.put(key(i), value(i, 0, 1500, 2500));
      }
      assertTrue(s.tierGrowthCount() > 0, "Chronicle ran out of tiers and the store grew");
      for (int i = 0; i < 3000; i++) {
        assertArrayEquals(value(i, 0, 1500, 2500), s.get(key(i)));
      }
    }
  }

  /** The value row k ends with in the concurrent test: every 20th one lives in overflow storage. */
  private static byte[] finalValue(long k) {
    return k % 20 == 0 ? value(k, 1, 1100, 4000) : value(k, 0, 100, 1000);
  }

  @Test
  void concurrentWritersAndReadersDuringSplits() throws Exception {
    StoreOptions o = StoreOptions.defaults(8, false, 500).withInitialEntries(64).withMaxShardEntries(256)
        .withOverflowThreshold(1024);
    int perWriter = 6000;
    try (TableStore s = TableStore.create(tmp.resolve("conc"), o)) {
      AtomicInteger[] progress = {new AtomicInteger(), new AtomicInteger()};
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicLong reads = new AtomicLong();
      AtomicLong scans = new AtomicLong();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        threads.add(new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perWriter; i++) {
              long k = writer * 1_000_000L + i;
              s.put(key(k), value(k, 0, 100, 1000));
              if (k % 7 == 0) {
                assertTrue(s.remove(key(k)));
                assertTrue(s.putIfAbsent(key(k), value(k, 0, 100, 1000)));
              }
              if (k % 20 == 0) {
                s.put(key(k), finalValue(k)); // inline -> overflow
              }
              progress[writer].set(i + 1);
            }
          } catch (Throwable t) {
            errors.add(t);
          }
        }));
      }
      threads.add(new Thread(() -> { // point reader
        Random r = new Random(1);
        try {
          start.await();
          while (!stop.get()) {
            int writer = r.nextInt(2);
            int done = progress[writer].get();
            if (done == 0) {
              continue;
            }
            long k = writer * 1_000_000L + r.nextInt(done);
            byte[] v = s.get(key(k));
            if (v == null) {
              throw new AssertionError("row " + k + " lost (writer at " + done + ")");
            }
            assertArrayEquals(finalValue(k), v, "row " + k);
            if (reads.incrementAndGet() % 256 == 0) {
              Thread.sleep(1); // leave the writers some CPU on small machines
            }
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      }));
      threads.add(new Thread(() -> { // scanner
        try {
          start.await();
          while (!stop.get()) {
            int[] before = {progress[0].get(), progress[1].get()};
            Set<Long> seen = new HashSet<>();
            try (Cursor c = s.cursor()) {
              while (c.next()) {
                long k = ByteBuffer.wrap(c.key()).getLong();
                if (!seen.add(k)) {
                  throw new AssertionError("row " + k + " returned twice by one cursor");
                }
                if (k % 1_000_000L < before[(int) (k / 1_000_000L)]) { // settled before the scan began
                  assertArrayEquals(finalValue(k), c.value(), "row " + k);
                }
              }
            }
            for (int w = 0; w < 2; w++) {
              for (int i = 0; i < before[w]; i++) {
                if (!seen.contains(w * 1_000_000L + i)) {
                  throw new AssertionError("cursor missed row " + (w * 1_000_000L + i));
                }
              }
            }
            scans.incrementAndGet();
            Thread.sleep(1); // leave the writers some CPU on small machines
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      }));
      threads.forEach(Thread::start);
      start.countDown();
      threads.get(0).join();
      threads.get(1).join();
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      if (!errors.isEmpty()) {
        Throwable first = errors.peek();
        fail("concurrent failure (" + errors.size() + " errors): " + first, first);
      }
      System.out.printf("concurrent: %d shards, %d splits, %d point reads, %d full scans%n",
          s.shardCount(), s.splitCount(), reads.get(), scans.get());
      assertTrue(s.splitCount() > 10);
      assertEquals(2L * perWriter, s.size());
      for (int w = 0; w < 2; w++) {
        for (int i = 0; i < perWriter; i++) {
          long k = w * 1_000_000L + i;
          assertArrayEquals(finalValue(k), s.get(key(k)));
        }
      }
      assertEquals(2 * perWriter / 20, overflowFiles(tmp.resolve("conc")), "one overflow file per overflow row");
    }
  }

  @Test
  void crashDuringSplitLeavesOldOrNewShardsAsTheTruth() throws Exception {
    Path dir = tmp.resolve("crash");
    Path beforeSwap = tmp.resolve("before-swap");
    Path afterSwap = tmp.resolve("after-swap");
    int[] rowsAt = {-1, -1};
    int[] current = {0};
    try (TableStore s = TableStore.create(dir, SMALL)) {
      s.setTestHook(event -> {
        try {
          // the copy of a live store is what a killed process leaves on disk (the page cache survives)
          if (event.equals("copied") && rowsAt[0] < 0 && s.splitCount() >= 3) {
            copyDir(dir, beforeSwap);
            rowsAt[0] = current[0];
          } else if (event.equals("committed") && rowsAt[0] >= 0 && rowsAt[1] < 0) {
            copyDir(dir, afterSwap);
            rowsAt[1] = current[0];
          }
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      for (int i = 0; i < 3000; i++) {
        current[0] = i;
        s.put(key(i), value(i));
      }
    }
    assertTrue(rowsAt[0] > 0 && rowsAt[1] > 0, "hooks fired");
    long orphansBefore = shardFiles(beforeSwap);
    for (int snap = 0; snap < 2; snap++) {
      Path d = snap == 0 ? beforeSwap : afterSwap;
      long filesOnDisk = shardFiles(d);
      try (TableStore s = TableStore.open(d, SMALL, true)) {
        assertTrue(filesOnDisk > s.shardCount(), "the snapshot had unnamed shard files");
        assertEquals(s.shardCount(), shardFiles(d), "unnamed shard files deleted on open");
        // the row being written may or may not be in (a full shard grows after the insert, one
        // out of segment tiers before it)
        long size = s.size();
        assertTrue(size == rowsAt[snap] || size == rowsAt[snap] + 1, "size " + size + " at row " + rowsAt[snap]);
        for (int i = 0; i < rowsAt[snap]; i++) {
          assertArrayEquals(value(i), s.get(key(i)), "row " + i);
        }
        for (int i = rowsAt[snap]; i < rowsAt[snap] + 500; i++) {
          s.put(key(i), value(i));
        }
        assertEquals(rowsAt[snap] + 500, s.size());
      }
    }
    assertTrue(orphansBefore > 0);
    // a stale temp directory file and a stray shard file are ignored and removed
    Files.write(dir.resolve(TableStore.DIRECTORY_FILE + ".tmp"), new byte[] {1, 2, 3});
    Files.write(dir.resolve(TableStore.SHARD_PREFIX + "99999" + TableStore.SHARD_SUFFIX), new byte[4096]);
    try (TableStore s = TableStore.open(dir, SMALL, true)) {
      assertEquals(3000, s.size());
      assertFalse(files(dir).contains(TableStore.SHARD_PREFIX + "99999" + TableStore.SHARD_SUFFIX));
    }
    // a damaged directory file is reported, not guessed at
    byte[] dat = Files.readAllBytes(dir.resolve(TableStore.DIRECTORY_FILE));
    dat[dat.length / 2] ^= 0x40;
    Files.write(dir.resolve(TableStore.DIRECTORY_FILE), dat);
    assertEquals(StorageException.Code.CORRUPTED,
        assertThrows(StorageException.class, () -> TableStore.open(dir, SMALL, false)).code());
  }

  @Test
  void overflowValuesRoundTripAndAreCleanedUp() throws Exception {
    Path dir = tmp.resolve("lob");
    byte[] oneMiB = value(1, 0, 1 << 20, 1 << 20);
    byte[] fortyMiB = value(2, 0, 40 << 20, 40 << 20);
    byte[] sixtyFourMiB = value(3, 0, 64 << 20, 64 << 20);
    byte[] midSize = value(4, 0, 20_000, 20_000); // below the threshold, above a tiny shard's tier
    StoreOptions o = StoreOptions.defaults(8, false, 100).withInitialEntries(64);
    try (TableStore s = TableStore.create(dir, o)) {
      s.put(key(1), oneMiB);
      s.put(key(2), fortyMiB);
      s.put(key(3), sixtyFourMiB);
      s.put(key(4), midSize);
      s.put(key(5), "small".getBytes());
      assertArrayEquals(oneMiB, s.get(key(1)));
      assertArrayEquals(fortyMiB, s.get(key(2)));
      assertArrayEquals(sixtyFourMiB, s.get(key(3)));
      assertArrayEquals(midSize, s.get(key(4)));
      assertTrue(overflowFiles(dir) >= 3);
      int seen = 0;
      try (Cursor c = s.cursor()) {
        while (c.next()) {
          long k = ByteBuffer.wrap(c.key()).getLong();
          byte[] expected = k == 1 ? oneMiB : k == 2 ? fortyMiB : k == 3 ? sixtyFourMiB : k == 4 ? midSize : "small".getBytes();
          assertArrayEquals(expected, c.value());
          seen++;
        }
      }
      assertEquals(5, seen);
      s.force();
    }
    long lobs = overflowFiles(dir);
    try (TableStore s = TableStore.open(dir, o, false)) {
      assertArrayEquals(fortyMiB, s.get(key(2)));
      s.put(key(2), "now small".getBytes());
      assertArrayEquals("now small".getBytes(), s.get(key(2)));
      assertEquals(lobs - 1, overflowFiles(dir), "a replaced overflow value is deleted");
      assertTrue(s.remove(key(1)));
      assertEquals(lobs - 2, overflowFiles(dir), "a removed overflow value is deleted");
      assertTrue(s.remove(key(3)));
      // grow the table: overflow pointers move with their rows
      for (int i = 10; i < 3000; i++) {
        s.put(key(i), value(i, 0, 10, 200));
      }
      assertArrayEquals(midSize, s.get(key(4)));
      s.clear();
      assertEquals(0, overflowFiles(dir), "clear deletes overflow values");
      assertEquals(0, s.size());
    }
    // an orphaned overflow file (crash between writing it and its entry) is removed by recovery
    try (TableStore s = TableStore.open(dir, o, false)) {
      s.put(key(7), oneMiB);
    }
    Files.createDirectories(dir.resolve(TableStore.OVERFLOW_DIR));
    Files.write(dir.resolve(TableStore.OVERFLOW_DIR).resolve("00000000000000ab.blob"), new byte[100]);
    try (TableStore s = TableStore.open(dir, o, true)) {
      assertEquals(1, overflowFiles(dir));
      assertArrayEquals(oneMiB, s.get(key(7)));
    }
  }

  @Test
  void cursorSeesEveryRowOnceEvenWhileShardsSplit() throws Exception {
    Path dir = tmp.resolve("cursor");
    try (TableStore s = TableStore.create(dir, SMALL)) {
      int rows = 3000;
      for (int i = 0; i < rows; i++) {
        s.put(key(i), value(i, 0, 50, 300));
      }
      Set<Long> seen = new HashSet<>();
      try (Cursor c = s.cursor()) {
        while (c.next()) {
          assertTrue(seen.add(ByteBuffer.wrap(c.key()).getLong()));
        }
        assertFalse(c.next());
      }
      assertEquals(rows, seen.size());
      // a cursor opened before many splits still returns every row of its snapshot once
      seen.clear();
      long shardsBefore = s.shardCount();
      try (Cursor c = s.cursor()) {
        assertTrue(c.next());
        seen.add(ByteBuffer.wrap(c.key()).getLong());
        for (int i = rows; i < 3 * rows; i++) {
          s.put(key(i), value(i, 0, 50, 300));
        }
        assertTrue(shardFiles(dir) > s.shardCount(), "retired shards stay while the cursor pins them");
        while (c.next()) {
          long k = ByteBuffer.wrap(c.key()).getLong();
          assertTrue(seen.add(k), "duplicate " + k);
          assertArrayEquals(value(k, 0, 50, 300), c.value());
        }
      }
      for (long i = 0; i < rows; i++) {
        assertTrue(seen.contains(i), "missed " + i);
      }
      assertTrue(s.shardCount() > shardsBefore);
      assertEquals(s.shardCount(), shardFiles(dir), "retired shard files go when the cursor closes");
      // an abandoned cursor, closed early
      Cursor early = s.cursor();
      assertTrue(early.next());
      early.close();
      assertFalse(early.next());
    }
  }

  @Test
  void clearAndDrop() throws Exception {
    Path dir = tmp.resolve("cd");
    try (TableStore s = TableStore.create(dir, SMALL)) {
      for (int i = 0; i < 2000; i++) {
        s.put(key(i), value(i, 0, 50, 300));
      }
      assertTrue(s.shardCount() > 1);
      s.clear();
      assertEquals(0, s.size());
      assertEquals(1, s.shardCount());
      Set<String> left = files(dir);
      assertEquals(2, left.size(), left.toString());
      assertTrue(left.contains(TableStore.DIRECTORY_FILE));
      assertEquals(1, shardFiles(dir));
      try (Cursor c = s.cursor()) {
        assertFalse(c.next());
      }
      s.put(key(1), value(1));
      assertArrayEquals(value(1), s.get(key(1)));
      s.drop();
    }
    assertFalse(Files.exists(dir), "drop deletes the store's files and directory");
    // create over leftovers starts empty
    try (TableStore s = TableStore.create(dir, SMALL)) {
      s.put(key(1), value(1));
    }
    try (TableStore s = TableStore.create(dir, SMALL)) {
      assertEquals(0, s.size());
    }
  }

  @Test
  void inMemoryStoreGrowsLikeAPersistedOne() {
    try (TableStore s = TableStore.create(null, SMALL)) {
      for (int i = 0; i < 5000; i++) {
        s.put(key(i), value(i, 0, 50, 500));
      }
      byte[] big = value(9, 0, 5 << 20, 5 << 20);
      s.put(key(-1), big);
      assertTrue(s.splitCount() > 5);
      assertEquals(5001, s.size());
      for (int i = 0; i < 5000; i++) {
        assertArrayEquals(value(i, 0, 50, 500), s.get(key(i)));
      }
      assertArrayEquals(big, s.get(key(-1)));
      int n = 0;
      try (Cursor c = s.cursor()) {
        while (c.next()) {
          n++;
        }
      }
      assertEquals(5001, n);
      s.clear();
      assertEquals(0, s.size());
      s.put(key(1), big);
      assertArrayEquals(big, s.get(key(1)));
      s.force(); // no-op
      s.drop();
    }
  }

  @Test
  void emptyTablesStaySmall() throws Exception {
    long t0 = System.nanoTime();
    long largest = 0;
    int tables = 100;
    for (int i = 0; i < tables; i++) {
      StoreOptions o = i % 2 == 0 ? StoreOptions.defaults(9, true, 100) : StoreOptions.defaults();
      TableStore s = TableStore.create(tmp.resolve("empty" + i), o);
      largest = Math.max(largest, s.diskBytes());
      s.close();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("empty tables: %d created in %d ms, largest %d KB on disk%n", tables, ms, largest / 1024);
    assertTrue(largest < 512 * 1024, "empty table takes " + largest + " bytes");
    StoreOptions d = StoreOptions.defaults(9, true, 100);
    assertTrue(d.initialEntries() >= 512 && d.maxShardEntries() >= 100_000, d.toString());
  }
}
