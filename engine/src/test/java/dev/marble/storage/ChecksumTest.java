package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.storage.TableStore.Cursor;
import dev.marble.storage.TableStore.StoreOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stored value carries a checksum; damage on disk is reported as CORRUPTED, never returned. */
class ChecksumTest {
  private static final StoreOptions OPTIONS = StoreOptions.defaults(8, false, 300).withInitialEntries(64)
      .withMaxShardEntries(256).withOverflowThreshold(4096);
  private static final int ROWS = 600;
  private static final long MARKED = 123;

  @TempDir Path tmp;

  static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  static byte[] value(long i) {
    if (i == MARKED) {
      return marked("INLINE-MARK", 200);
    }
    Random r = new Random(i);
    byte[] v = new byte[50 + r.nextInt(500)];
    r.nextBytes(v);
    return v;
  }

  /** {@code length} bytes repeating {@code mark}, findable in a file. */
  static byte[] marked(String mark, int length) {
    byte[] m = mark.getBytes(StandardCharsets.US_ASCII);
    byte[] v = new byte[length];
    for (int i = 0; i < length; i++) {
      v[i] = m[i % m.length];
    }
    return v;
  }

  /** Writes ROWS rows (MARKED holds a findable inline value) plus {@code extra} and closes. */
  private Path store(String name, byte[] extraValue) {
    Path dir = tmp.resolve(name);
    try (TableStore s = TableStore.create(dir, OPTIONS)) {
      for (int i = 0; i < ROWS; i++) {
        s.put(key(i), value(i));
      }
      if (extraValue != null) {
        s.put(key(ROWS), extraValue);
      }
      s.force();
      assertTrue(s.shardCount() > 1, "several shards");
    }
    return dir;
  }

  /** Finds {@code needle} in one of the files and returns [file, offset]. */
  private static Object[] find(List<Path> files, byte[] needle) throws IOException {
    for (Path f : files) {
      byte[] all = Files.readAllBytes(f);
      outer:
      for (int i = 0; i + needle.length <= all.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (all[i + j] != needle[j]) {
            continue outer;
          }
        }
        return new Object[] {f, (long) i};
      }
    }
    throw new AssertionError("pattern not found");
  }

  private static void flip(Path file, long offset, int xor) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ xor);
    }
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Walks the store: the values it returned by key, and the failures it raised. */
  private static List<StorageException> walk(TableStore s, long expectRows) {
    List<StorageException> failures = new ArrayList<>();
    long seen = 0;
    try (Cursor c = s.cursor()) {
      while (true) {
        try {
          if (!c.next()) {
            break;
          }
        } catch (StorageException e) {
          failures.add(e);
          continue; // the cursor moves on past a damaged entry
        }
        long k = ByteBuffer.wrap(c.key()).getLong();
        if (k < ROWS) {
          assertArrayEquals(value(k), c.value(), "row " + k);
        }
        seen++;
      }
    }
    assertEquals(expectRows, seen);
    return failures;
  }

  @Test
  void aFlippedByteInAnInlineValueIsReportedWithItsFile() throws IOException {
    Path dir = store("inline", null);
    Object[] at = find(files(dir, TableStore.SHARD_SUFFIX), value(MARKED));
    Path shardFile = (Path) at[0];
    flip(shardFile, (long) at[1] + 100, 0x20);
    try (TableStore s = TableStore.open(dir, OPTIONS, false)) {
      StorageException e = assertThrows(StorageException.class, () -> s.get(key(MARKED)));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(shardFile.getFileName().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
      for (int i = 0; i < ROWS; i++) {
        if (i != MARKED) {
          assertArrayEquals(value(i), s.get(key(i)), "row " + i);
        }
      }
      List<StorageException> failures = walk(s, ROWS - 1);
      assertEquals(1, failures.size());
      assertEquals(StorageException.Code.CORRUPTED, failures.get(0).code());
      assertTrue(failures.get(0).getMessage().contains(shardFile.getFileName().toString()));
      StoredValue.Damaged d = assertInstanceOf(StoredValue.Damaged.class, failures.get(0));
      assertEquals(shardFile.getFileName().toString(), d.file);
      assertArrayEquals(key(MARKED), d.key);

      // rewriting the row repairs it
      s.put(key(MARKED), value(MARKED));
      assertArrayEquals(value(MARKED), s.get(key(MARKED)));
      assertEquals(0, walk(s, ROWS).size());
    }
  }

  @Test
  void anUnknownFormatTagIsCorrupted() throws IOException {
    Path dir = store("tag", null);
    Object[] at = find(files(dir, TableStore.SHARD_SUFFIX), value(MARKED));
    flip((Path) at[0], (long) at[1] - StoredValue.INLINE_HEADER, StoredValue.TAG_INLINE_CRC ^ 0x07); // tag 2 -> 7
    try (TableStore s = TableStore.open(dir, OPTIONS, false)) {
      StorageException e = assertThrows(StorageException.class, () -> s.get(key(MARKED)));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
      assertTrue(e.getMessage().contains("unknown value format (tag 7"), e.getMessage());
      assertEquals(1, walk(s, ROWS - 1).size());
      // a damaged entry can still be removed
      assertTrue(s.remove(key(MARKED)));
      assertEquals(0, walk(s, ROWS - 1).size());
    }
  }

  @Test
  void aFlippedByteInAnOverflowFileIsReportedWithItsFile() throws IOException {
    byte[] lob = marked("OVERFLOW-MARK", 50_000);
    Path dir = store("overflow", lob);
    List<Path> blobs = files(dir, OverflowPointer.FILE_SUFFIX);
    assertEquals(1, blobs.size());
    Path blob = blobs.get(0);
    assertEquals(OverflowStore.FILE_HEADER + lob.length, Files.size(blob));
    flip(blob, OverflowStore.FILE_HEADER + 30_000, 0x01);
    try (TableStore s = TableStore.open(dir, OPTIONS, false)) {
      StorageException e = assertThrows(StorageException.class, () -> s.get(key(ROWS)));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(blob.getFileName().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(value(i), s.get(key(i)), "row " + i);
      }
      List<StorageException> failures = walk(s, ROWS);
      assertEquals(1, failures.size());
      StoredValue.Damaged d = assertInstanceOf(StoredValue.Damaged.class, failures.get(0));
      assertEquals(TableStore.OVERFLOW_DIR + "/" + blob.getFileName(), d.file);
    }
    // a file that no longer matches its pointer (replaced wholesale, checksum intact) fails too
    Files.write(blob, OverflowStore.frame(marked("OTHER", 50_000)));
    try (TableStore s = TableStore.open(dir, OPTIONS, false)) {
      StorageException e = assertThrows(StorageException.class, () -> s.get(key(ROWS)));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
      assertTrue(e.getMessage().contains(blob.getFileName().toString()), e.getMessage());
    }
  }

  @Test
  void valuesRoundTripThroughEveryPath() {
    // in memory and on disk, inline and overflow, through get, cursor and shard rebuilds
    for (Path dir : new Path[] {null, tmp.resolve("roundtrip")}) {
      try (TableStore s = TableStore.create(dir, OPTIONS)) {
        for (int i = 0; i < 2000; i++) {
          s.put(key(i), i % 50 == 0 ? marked("L" + i, 5000 + i) : value(i));
        }
        s.put(key(2000), new byte[0]);
        for (int i = 0; i < 2000; i++) {
          assertArrayEquals(i % 50 == 0 ? marked("L" + i, 5000 + i) : value(i), s.get(key(i)));
        }
        assertArrayEquals(new byte[0], s.get(key(2000)));
        int n = 0;
        try (Cursor c = s.cursor()) {
          while (c.next()) {
            n++;
          }
        }
        assertEquals(2001, n);
      }
    }
  }
}
