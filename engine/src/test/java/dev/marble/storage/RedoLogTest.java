package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedoLogTest {
  @TempDir Path dir;

  private Path wal() {
    return dir.resolve("wal");
  }

  private Path logFile() {
    return wal().resolve(RedoLog.FILE_NAME);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> replayed(RedoLog log) {
    List<String> out = new ArrayList<>();
    log.replay(p -> out.add(new String(p, StandardCharsets.UTF_8)));
    return out;
  }

  private List<String> reopenAndReplay(RedoLog.Sync sync) {
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      return replayed(log);
    }
  }

  @ParameterizedTest
  @EnumSource(RedoLog.Sync.class)
  void appendReplayRoundTrip(RedoLog.Sync sync) throws Exception {
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      assertEquals(sync, log.sync());
      assertEquals(RedoLog.HEADER_SIZE, log.bytes());
      assertEquals(List.of(), replayed(log));
      assertEquals(1, log.append(text("one")));
      assertEquals(2, log.append(new byte[0]));
      assertEquals(3, log.append(text("three")));
      assertEquals(RedoLog.HEADER_SIZE + 3L * RedoLog.RECORD_HEADER + 8, log.bytes());
      assertEquals(Files.size(logFile()), log.bytes());
      assertEquals(List.of("one", "", "three"), replayed(log));
      assertEquals(List.of("one", "", "three"), replayed(log), "replay does not consume");
    }
    assertEquals(List.of("one", "", "three"), reopenAndReplay(sync));
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      assertEquals(4, log.append(text("four")), "LSNs continue after reopening");
    }
    assertEquals(List.of("one", "", "three", "four"), reopenAndReplay(sync));
  }

  @Test
  void largeRecords() {
    byte[] big = new byte[3 << 20];
    new java.util.Random(1).nextBytes(big);
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      log.append(big);
      log.append(text("after"));
    }
    List<byte[]> out = new ArrayList<>();
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      log.replay(out::add);
    }
    assertEquals(2, out.size());
    assertArrayEquals(big, out.get(0));
    assertArrayEquals(text("after"), out.get(1));
  }

  /** Writes five records, closes, damages the file, and returns the end of the fourth record. */
  private long fiveRecords() {
    long endOfFourth;
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      for (int i = 1; i <= 4; i++) {
        log.append(text("record " + i));
      }
      endOfFourth = log.bytes();
      log.append(text("record 5 is the last one"));
    }
    return endOfFourth;
  }

  private static final List<String> FOUR = List.of("record 1", "record 2", "record 3", "record 4");
  private static final List<String> FIVE =
      List.of("record 1", "record 2", "record 3", "record 4", "record 5 is the last one");

  @ParameterizedTest
  @ValueSource(strings = {"cutInPayload", "cutInHeader", "flipPayloadByte", "flipLengthByte", "flipLsnByte",
      "badMagic", "lengthPastEnd"})
  void damagedLastRecordIsDroppedAndCut(String damage) throws Exception {
    long endOfFourth = fiveRecords();
    long size = Files.size(logFile());
    try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "rw")) {
      switch (damage) {
        case "cutInPayload" -> f.setLength(size - 5);
        case "cutInHeader" -> f.setLength(endOfFourth + 7);
        case "flipPayloadByte" -> flip(f, size - 3);
        case "flipLengthByte" -> flip(f, endOfFourth + 7);
        case "flipLsnByte" -> flip(f, endOfFourth + 19);
        case "badMagic" -> flip(f, endOfFourth);
        case "lengthPastEnd" -> {
          f.seek(endOfFourth + 4);
          f.writeInt(1000);
        }
        default -> throw new AssertionError(damage);
      }
    }
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      assertEquals(FOUR, replayed(log));
      assertEquals(endOfFourth, Files.size(logFile()), "the damaged tail is cut off");
      assertEquals(endOfFourth, log.bytes());
      assertEquals(5, log.append(text("new 5")), "the lost LSN is reused");
      log.append(text("new 6"));
    }
    List<String> expected = new ArrayList<>(FOUR);
    expected.addAll(List.of("new 5", "new 6"));
    assertEquals(expected, reopenAndReplay(RedoLog.Sync.FULL));
  }

  private static void flip(RandomAccessFile f, long pos) throws java.io.IOException {
    f.seek(pos);
    int b = f.read();
    f.seek(pos);
    f.write(b ^ 0x10);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 19, 20, 21, 100, 5000})
  void garbageAfterTheLastRecordIsDropped(int garbage) throws Exception {
    fiveRecords();
    long size = Files.size(logFile());
    byte[] junk = new byte[garbage];
    new java.util.Random(garbage).nextBytes(junk);
    try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "rw")) {
      f.seek(size);
      f.write(junk);
    }
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.NORMAL)) {
      assertEquals(FIVE, replayed(log));
      assertEquals(size, Files.size(logFile()));
      assertEquals(6, log.append(text("six")));
    }
    List<String> expected = new ArrayList<>(FIVE);
    expected.add("six");
    assertEquals(expected, reopenAndReplay(RedoLog.Sync.OFF));
  }

  @Test
  void zerosAfterTheLastRecordAreDropped() throws Exception {
    fiveRecords();
    long size = Files.size(logFile());
    try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "rw")) {
      f.setLength(size + 4096); // a file extended by the crash but never written
    }
    assertEquals(FIVE, reopenAndReplay(RedoLog.Sync.FULL));
    assertEquals(size, Files.size(logFile()));
  }

  @Test
  void damageInTheMiddleIsReportedAndNothingIsDiscarded() throws Exception {
    long size;
    long endOfA;
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.OFF)) {
      log.append(text("a"));
      endOfA = log.bytes();
      log.append(text("b"));
      log.append(text("c"));
      size = log.bytes();
      try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "rw")) {
        flip(f, endOfA + RedoLog.RECORD_HEADER);
      }
      // Intact records follow the damage: not a torn tail, so replay refuses rather than cut.
      StorageException e = assertThrows(StorageException.class, () -> replayed(log));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
      assertTrue(e.getMessage().contains(logFile().toString()) && e.getMessage().contains("offset " + endOfA),
          e.getMessage());
    }
    assertEquals(size, Files.size(logFile()), "no committed record was discarded");
    StorageException reopen = assertThrows(StorageException.class, () -> RedoLog.open(wal(), RedoLog.Sync.OFF));
    assertEquals(StorageException.Code.CORRUPTED, reopen.code());
  }

  @Test
  void aDamagedHeaderIsCorrupted() throws Exception {
    RedoLog.open(wal(), RedoLog.Sync.FULL).close();
    try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "rw")) {
      flip(f, 17);
    }
    StorageException e = assertThrows(StorageException.class, () -> RedoLog.open(wal(), RedoLog.Sync.FULL));
    assertEquals(StorageException.Code.CORRUPTED, e.code());
    assertTrue(e.getMessage().contains(logFile().toString()), e.getMessage());

    Files.write(logFile(), new byte[5]);
    e = assertThrows(StorageException.class, () -> RedoLog.open(wal(), RedoLog.Sync.FULL));
    assertEquals(StorageException.Code.CORRUPTED, e.code());

    byte[] h = RedoLog.header(1);
    ByteBuffer.wrap(h).putInt(8, 99);
    Files.write(logFile(), h);
    e = assertThrows(StorageException.class, () -> RedoLog.open(wal(), RedoLog.Sync.FULL));
    assertEquals(StorageException.Code.CORRUPTED, e.code(), "the version is under the header checksum");
  }

  @ParameterizedTest
  @EnumSource(RedoLog.Sync.class)
  void truncateDropsEverything(RedoLog.Sync sync) throws Exception {
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      log.append(text("x"));
      log.append(text("y"));
      log.truncate();
      assertEquals(RedoLog.HEADER_SIZE, log.bytes());
      assertEquals(RedoLog.HEADER_SIZE, Files.size(logFile()));
      assertEquals(List.of(), replayed(log));
      assertEquals(3, log.append(text("z")), "LSNs keep increasing across truncates");
      assertEquals(List.of("z"), replayed(log));
    }
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      assertEquals(List.of("z"), replayed(log));
      log.truncate();
    }
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      assertEquals(List.of(), replayed(log));
      assertEquals(4, log.append(text("w")), "the next LSN survives a truncate and reopen");
    }
    try (var files = Files.list(wal())) {
      assertEquals(List.of(logFile()), files.toList(), "no temp file left");
    }
  }

  @Test
  void aStaleTempFileFromACrashedTruncateIsHarmless() throws Exception {
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      log.append(text("kept"));
    }
    Files.write(wal().resolve(RedoLog.FILE_NAME + ".tmp"), RedoLog.header(1));
    try (RedoLog log = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
      assertEquals(List.of("kept"), replayed(log));
      log.truncate();
      assertEquals(List.of(), replayed(log));
    }
  }

  @Test
  void closedLogRefusesWork() {
    RedoLog log = RedoLog.open(wal(), RedoLog.Sync.NORMAL);
    log.append(text("a"));
    log.close();
    log.close(); // idempotent
    assertEquals(StorageException.Code.CLOSED, assertThrows(StorageException.class, () -> log.append(text("b"))).code());
    assertEquals(StorageException.Code.CLOSED, assertThrows(StorageException.class, () -> log.replay(p -> {})).code());
    assertEquals(StorageException.Code.CLOSED, assertThrows(StorageException.class, log::truncate).code());
    assertEquals(List.of("a"), reopenAndReplay(RedoLog.Sync.OFF));
  }

  @Test
  void normalFlusherStopsOnClose() throws Exception {
    RedoLog log = RedoLog.open(wal(), RedoLog.Sync.NORMAL);
    for (int i = 0; i < 100; i++) {
      log.append(text("r" + i));
    }
    Thread.sleep(50);
    assertTrue(flusherAlive(), "NORMAL runs a flusher");
    log.close();
    assertFalse(flusherAlive(), "close stops it");
    try (RedoLog off = RedoLog.open(wal(), RedoLog.Sync.OFF)) {
      assertFalse(flusherAlive(), "OFF has none");
      assertEquals(100, replayed(off).size());
    }
  }

  private boolean flusherAlive() {
    String name = "marble-redo-flusher " + logFile();
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @ParameterizedTest
  @EnumSource(RedoLog.Sync.class)
  void concurrentAppendersEachRecordOnceInLsnOrder(RedoLog.Sync sync) throws Exception {
    int threads = 8;
    int perThread = sync == RedoLog.Sync.FULL ? 300 : 2000;
    Map<String, Long> lsnOf = new ConcurrentHashMap<>();
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      log.append(text("first"));
      runAll(threads, t -> {
        for (int i = 0; i < perThread; i++) {
          String p = t + ":" + i;
          lsnOf.put(p, log.append(text(p)));
        }
      });
      assertEquals(threads * perThread, new HashSet<>(lsnOf.values()).size(), "LSNs are unique");
      assertEquals(threads * perThread + 2, log.append(text("last")));
    }
    List<String> out = reopenAndReplay(sync);
    assertEquals(threads * perThread + 2, out.size());
    assertEquals("first", out.get(0));
    assertEquals("last", out.get(out.size() - 1));
    List<String> middle = out.subList(1, out.size() - 1);
    assertEquals(lsnOf.keySet(), new HashSet<>(middle), "every record exactly once");
    long prev = 1;
    int[] nextOfThread = new int[threads];
    for (String p : middle) {
      long lsn = lsnOf.get(p);
      assertEquals(prev + 1, lsn, "replay runs in LSN order");
      prev = lsn;
      String[] parts = p.split(":");
      int t = Integer.parseInt(parts[0]);
      assertEquals(nextOfThread[t]++, Integer.parseInt(parts[1]), "each thread's records in its order");
    }
  }

  interface ThreadBody {
    void run(int thread) throws Exception;
  }

  private static void runAll(int threads, ThreadBody body) throws Exception {
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> list = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          start.await();
          body.run(id);
        } catch (Throwable e) {
          error.compareAndSet(null, e);
        }
      }, "appender-" + t);
      th.start();
      list.add(th);
    }
    start.countDown();
    for (Thread th : list) {
      th.join(TimeUnit.MINUTES.toMillis(2));
      assertFalse(th.isAlive(), th.getName() + " finished");
    }
    if (error.get() != null) {
      throw new AssertionError("an appender failed", error.get());
    }
  }

  @ParameterizedTest
  @EnumSource(RedoLog.Sync.class)
  void interruptsNeitherBreakTheLogNorGetLost(RedoLog.Sync sync) throws Exception {
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong interruptsSeen = new AtomicLong();
    AtomicLong victimAppends = new AtomicLong();
    AtomicLong droppedUpTo = new AtomicLong(); // records up to here were truncated away for sure
    AtomicLong keptFrom = new AtomicLong(); // records from here on must be replayed
    AtomicReference<Throwable> victimError = new AtomicReference<>();
    try (RedoLog log = RedoLog.open(wal(), sync)) {
      Thread victim = new Thread(() -> {
        try {
          for (int i = 0; !stop.get(); i++) {
            boolean before = Thread.currentThread().isInterrupted();
            String p = "victim:" + i;
            long lsn = log.append(text(p));
            victimAppends.incrementAndGet();
            acknowledged.put(p, lsn);
            boolean after = Thread.currentThread().isInterrupted();
            if (before && !after) {
              throw new AssertionError("append cleared the interrupt status");
            }
            if (after && i % 2 == 0) {
              Thread.interrupted(); // so that later interrupts arrive in the middle of an append
              interruptsSeen.incrementAndGet();
            }
            if (i % 50 == 49) {
              log.truncate(); // AtomicFiles.write + directory fsync on an interrupted thread
              droppedUpTo.set(lsn);
              String marker = "victim-truncated:" + i;
              long m = log.append(text(marker));
              acknowledged.put(marker, m);
              keptFrom.set(m);
            }
          }
        } catch (Throwable e) {
          victimError.set(e);
        }
      }, "victim");
      victim.start();
      Thread interrupter = new Thread(() -> {
        while (!stop.get()) {
          victim.interrupt();
          java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
      }, "interrupter");
      interrupter.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        // On a loaded machine 400 ms may give the victim too few turns: go on until it has had
        // enough interrupts and appends for the assertions below to mean something, within 30 s.
        long hardDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        runAll(4, t -> {
          for (int i = 0; i < 400 || System.nanoTime() < deadline
              || ((interruptsSeen.get() <= 10 || victimAppends.get() <= 100) && System.nanoTime() < hardDeadline);
              i++) {
            String p = t + ":" + i;
            acknowledged.put(p, log.append(text(p)));
          }
        });
      } finally {
        stop.set(true);
        interrupter.join();
        victim.join();
      }
      assertNull(victimError.get(), () -> "victim failed: " + victimError.get());
      assertTrue(interruptsSeen.get() > 10, "the victim was interrupted: " + interruptsSeen.get());
      assertTrue(victimAppends.get() > 100, "the victim appended and truncated: " + victimAppends.get());
      acknowledged.put("after", log.append(text("after")));
    }
    List<String> out = reopenAndReplay(sync);
    Set<String> replayed = new HashSet<>(out);
    assertEquals(out.size(), replayed.size(), "no duplicates");
    for (String p : out) {
      Long lsn = acknowledged.get(p);
      assertTrue(lsn != null && lsn > droppedUpTo.get(), p + " is acknowledged and was not truncated away");
    }
    long missing = acknowledged.entrySet().stream()
        .filter(e -> e.getValue() >= keptFrom.get() && !replayed.contains(e.getKey())).count();
    assertEquals(0, missing, "every acknowledged record since the last truncate is replayed");
    assertTrue(replayed.contains("after"));
  }

  @Test
  void anInterruptedThreadCanOpenAppendTruncateAndClose() {
    Thread.currentThread().interrupt();
    try {
      RedoLog log = RedoLog.open(wal(), RedoLog.Sync.NORMAL);
      log.append(text("a"));
      log.truncate();
      log.append(text("b"));
      assertEquals(List.of("b"), replayed(log));
      log.close();
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
      try (RedoLog again = RedoLog.open(wal(), RedoLog.Sync.FULL)) {
        assertEquals(List.of("b"), replayed(again));
        again.append(text("c"));
      }
      assertTrue(Thread.interrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of("b", "c"), reopenAndReplay(RedoLog.Sync.OFF));
  }

  /**
   * Appends/s with 200-byte payloads per sync mode, 1 and 8 threads. Run with {@code
   * -Dmarble.slow=true -Dtest=RedoLogTest#throughput}.
   */
  @Test
  @Tag("slow")
  @EnabledIfSystemProperty(named = "marble.slow", matches = "true")
  void throughput() throws Exception {
    Map<String, Long> results = new HashMap<>();
    for (RedoLog.Sync sync : RedoLog.Sync.values()) {
      for (int threads : new int[] {1, 8}) {
        Path d = dir.resolve("bench-" + sync + "-" + threads);
        long rate = measure(d, sync, threads, 3_000);
        results.put(sync + " x" + threads, rate);
        System.out.printf("RedoLog %-6s %d thread(s): %,d appends/s%n", sync, threads, rate);
      }
    }
    assertEquals(6, results.size());
  }

  static long measure(Path d, RedoLog.Sync sync, int threads, long millis) throws Exception {
    byte[] payload = new byte[200];
    AtomicLong count = new AtomicLong();
    try (RedoLog log = RedoLog.open(d, sync)) {
      for (int i = 0; i < 1000; i++) {
        log.append(payload); // warm-up
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      long t0 = System.nanoTime();
      runAll(threads, t -> {
        long n = 0;
        while (System.nanoTime() < deadline) {
          log.append(payload);
          n++;
        }
        count.addAndGet(n);
      });
      long elapsed = System.nanoTime() - t0;
      return count.get() * 1_000_000_000L / elapsed;
    }
  }

  /** The throughput measurement as a program: {@code RedoLogTest <dir> [millis]}. */
  public static void main(String[] args) throws Exception {
    Path d = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    long millis = args.length > 1 ? Long.parseLong(args[1]) : 3_000;
    for (RedoLog.Sync sync : RedoLog.Sync.values()) {
      for (int threads : new int[] {1, 8}) {
        Path sub = Files.createTempDirectory(d, "redo-bench");
        long rate = measure(sub.resolve("wal"), sync, threads, millis);
        System.out.printf("RedoLog %-6s %d thread(s): %,d appends/s%n", sync, threads, rate);
      }
    }
  }
}
