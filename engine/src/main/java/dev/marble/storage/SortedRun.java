package dev.marble.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An immutable run of (ordered key, row key) pairs sorted by the ordered key in unsigned byte
 * order: the folded part of an {@link OrderedIndex}. On disk it is mapped, not read, so opening an
 * index of millions of entries costs a checksum pass and no heap.
 *
 * <p>Format (big-endian): magic {@code MRUN}, format version, entry count (long), CRC32C of
 * everything after the 24-byte header, 4 bytes padding; then one int offset per entry; then the
 * entries, each {@code u16 length, ordered key, u16 length, row key}. Offsets are ints: one run
 * holds at most 2 GB (about 50 million entries of typical keys), checked when written.
 */
final class SortedRun {
  static final SortedRun EMPTY = new SortedRun(ByteBuffer.wrap(encode(List.of())));
  private static final int MAGIC = 0x4D52554E; // "MRUN"
  private static final int VERSION = 1;
  private static final int HEADER = 24;

  /** One entry to write. */
  record Entry(byte[] orderedKey, byte[] rowKey) {}

  private final ByteBuffer buf;
  private final int count;

  private SortedRun(ByteBuffer buf) {
    this.buf = buf;
    this.count = (int) buf.getLong(8);
  }

  int size() {
    return count;
  }

  /** Encodes sorted entries into the run format. */
  static byte[] encode(List<Entry> sorted) {
    long total = HEADER + 4L * sorted.size();
    for (Entry e : sorted) {
      total += 4L + e.orderedKey().length + e.rowKey().length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "An ordered index run of " + sorted.size() + " entries exceeds 2 GB");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    out.putInt(MAGIC).putInt(VERSION).putLong(sorted.size()).putInt(0).putInt(0);
    int pos = HEADER + 4 * sorted.size();
    for (Entry e : sorted) {
      out.putInt(pos);
      pos += 4 + e.orderedKey().length + e.rowKey().length;
    }
    for (Entry e : sorted) {
      out.putShort((short) e.orderedKey().length).put(e.orderedKey());
      out.putShort((short) e.rowKey().length).put(e.rowKey());
    }
    byte[] bytes = out.array();
    CRC32C crc = new CRC32C();
    crc.update(bytes, HEADER, bytes.length - HEADER);
    ByteBuffer.wrap(bytes).putInt(16, (int) crc.getValue());
    return bytes;
  }

  static SortedRun inMemory(List<Entry> sorted) {
    return new SortedRun(ByteBuffer.wrap(encode(sorted)));
  }

  /** Writes {@code sorted} to {@code file} crash-safely and maps it. */
  static SortedRun write(Path file, List<Entry> sorted) {
    AtomicFiles.write(file, encode(sorted));
    SortedRun run = map(file);
    if (run == null) {
      throw new StorageException(StorageException.Code.IO_ERROR, "Ordered index file " + file + " vanished");
    }
    return run;
  }

  /**
   * Maps a run written by {@link #write}; null when the file is missing or fails its checksum (the
   * caller rebuilds it, it is derived data).
   */
  static SortedRun map(Path file) {
    ByteBuffer mapped;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length < HEADER || length > Integer.MAX_VALUE) {
        return null;
      }
      mapped = raf.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, length);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot map ordered index file " + file + ": " + AtomicFiles.describe(e), e);
    }
    if (mapped.getInt(0) != MAGIC || mapped.getInt(4) != VERSION) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(mapped.duplicate().position(HEADER));
    if ((int) crc.getValue() != mapped.getInt(16)) {
      return null;
    }
    return new SortedRun(mapped);
  }

  /** The first position whose ordered key is {@code >= key} ({@link #size()} when none). */
  int lowerBound(byte[] key) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Unsigned comparison of the ordered key at {@code i} with {@code key}. */
  int compare(int i, byte[] key) {
    int pos = buf.getInt(HEADER + 4 * i);
    int len = buf.getShort(pos) & 0xFFFF;
    int n = Math.min(len, key.length);
    for (int j = 0; j < n; j++) {
      int c = (buf.get(pos + 2 + j) & 0xFF) - (key[j] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return len - key.length;
  }

  byte[] orderedKey(int i) {
    int pos = buf.getInt(HEADER + 4 * i);
    byte[] out = new byte[buf.getShort(pos) & 0xFFFF];
    buf.get(pos + 2, out);
    return out;
  }

  byte[] rowKey(int i) {
    int pos = buf.getInt(HEADER + 4 * i);
    pos += 2 + (buf.getShort(pos) & 0xFFFF);
    byte[] out = new byte[buf.getShort(pos) & 0xFFFF];
    buf.get(pos + 2, out);
    return out;
  }
}
