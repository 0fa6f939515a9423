package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marble.storage.TableStore.StoreOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Loads 10 million rows of about 100 bytes into a store with default options and prints the
 * rate and the disk use. Slow (minutes) and disk-hungry (a few GB): tagged "slow" and run only
 * with {@code -Dmarble.slow=true}, or as a program: {@code main(rows, dir)}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "marble.slow", matches = "true")
class TableStoreLoadTest {

  @Test
  void tenMillionRowsWithDefaultOptions() throws Exception {
    Path dir = Files.createTempDirectory("marble-load");
    try {
      load(10_000_000, dir);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("marble-load");
    load(rows, dir);
  }

  static void load(int rows, Path dir) {
    StoreOptions o = StoreOptions.defaults();
    System.out.println("load: " + rows + " rows into " + dir + " with " + o);
    long t0 = System.nanoTime();
    long lap = t0;
    try (TableStore s = TableStore.create(dir, o)) {
      for (int i = 0; i < rows; i++) {
        s.put(key(i), value(i));
        if ((i + 1) % 1_000_000 == 0) {
          long now = System.nanoTime();
          System.out.printf("  %,d rows: %.0f rows/s in the last million, %d shards, %.2f GB on disk%n", i + 1,
              1e6 / ((now - lap) / 1e9), s.shardCount(), s.diskBytes() / 1e9);
          lap = now;
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("load: %,d rows in %.1f s = %.0f rows/s; %d shards (%d splits, %d rebuilds); %.2f GB on disk%n",
          rows, secs, rows / secs, s.shardCount(), s.splitCount(), s.rebuildCount(), s.diskBytes() / 1e9);
      long t1 = System.nanoTime();
      SplittableRandom r = new SplittableRandom(1);
      int samples = 1_000_000;
      for (int n = 0; n < samples; n++) {
        int i = r.nextInt(rows);
        assertArrayEquals(value(i), s.get(key(i)));
      }
      System.out.printf("load: %.0f random gets/s%n", samples / ((System.nanoTime() - t1) / 1e9));
      long t2 = System.nanoTime();
      long count = 0;
      try (TableStore.Cursor c = s.cursor()) {
        while (c.next()) {
          count++;
        }
      }
      System.out.printf("load: full scan of %,d rows in %.1f s%n", count, (System.nanoTime() - t2) / 1e9);
      assertEquals(rows, count);
      assertEquals(rows, s.size());
      long t3 = System.nanoTime();
      s.force();
      System.out.printf("load: force() in %.1f s%n", (System.nanoTime() - t3) / 1e9);
    }
  }

  static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i * 0x9E3779B97F4A7C15L).array();
  }

  static byte[] value(long i) {
    byte[] v = new byte[80 + (int) (i % 41)];
    long x = i;
    for (int k = 0; k < v.length; k++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      v[k] = (byte) (x >>> 56);
    }
    return v;
  }
}
