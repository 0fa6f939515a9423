package dev.marble.storage;

import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;

/**
 * The format of a value inside a shard map, versioned by its first byte (the tag):
 *
 * <ul>
 *   <li>{@link #TAG_INLINE_CRC}: the tag, a CRC32C (4 bytes, little-endian) over the entry's key
 *       and value, then the value. Verified on every read: a mismatch fails CORRUPTED, so damaged
 *       bytes (of the value or of the key) are reported, never returned as data;
 *   <li>{@link #TAG_OVERFLOW}: an encoded {@link OverflowPointer}, which records the length and
 *       CRC32 of the value it points to (checked against the overflow file, which carries a
 *       CRC32C of its own: {@link OverflowStore});
 *   <li>any other tag (0 was a first format without checksum) fails CORRUPTED.
 * </ul>
 *
 * The format is on disk. Also copies Chronicle's off-heap {@link Data} into fresh arrays, which
 * callers may keep after the map context that lent the data is closed.
 */
final class StoredValue {
  static final byte TAG_OVERFLOW = 1;
  /** Tag, CRC32C of key and value (little-endian int), then the value. */
  static final byte TAG_INLINE_CRC = 2;
  /** Bytes before the value in a {@link #TAG_INLINE_CRC} entry. */
  static final int INLINE_HEADER = 5;

  private StoredValue() {}

  /** {@code value} as stored inline under {@code key}: tag, checksum, then the bytes. */
  static byte[] inline(byte[] key, byte[] value) {
    byte[] stored = new byte[value.length + INLINE_HEADER];
    stored[0] = TAG_INLINE_CRC;
    writeIntLe(stored, 1, checksum(key, value));
    System.arraycopy(value, 0, stored, INLINE_HEADER, value.length);
    return stored;
  }

  /**
   * The value of an inline stored form (as {@link #inline} made it, copied out of shard {@code s}),
   * checksum verified; null for any other form. For a rebuild that moves an inline value to
   * overflow storage: a damaged value must fail there, not be stored again under a fresh checksum.
   *
   * @throws StorageException CORRUPTED ({@link Damaged}) for a checksum mismatch
   */
  static byte[] inlineValue(byte[] key, byte[] stored, Shard s) {
    if (stored.length < INLINE_HEADER || stored[0] != TAG_INLINE_CRC) {
      return null;
    }
    byte[] value = new byte[stored.length - INLINE_HEADER];
    System.arraycopy(stored, INLINE_HEADER, value, 0, value.length);
    verify(key, value, readIntLe(stored, 1), s);
    return value;
  }

  private static void verify(byte[] key, byte[] value, int stored, Shard s) {
    int computed = checksum(key, value);
    if (computed != stored) {
      throw damaged(s, key, "checksum mismatch: stored " + hex(stored) + ", computed " + hex(computed)
          + " over " + value.length + " value bytes (key or value damaged)");
    }
  }

  /** The CRC32C an inline entry records: over its key, then its value. */
  static int checksum(byte[] key, byte[] value) {
    CRC32C c = new CRC32C();
    c.update(key);
    c.update(value);
    return (int) c.getValue();
  }

  /**
   * The stored value of {@code key}: the inline bytes (header stripped, a fresh array, checksum
   * verified) or an {@link OverflowPointer}.
   *
   * @throws StorageException CORRUPTED ({@link Damaged}) for a checksum mismatch, an empty value
   *     or an unknown tag
   */
  static Object decode(byte[] key, Data<byte[]> v, Shard s) {
    RandomDataInput in = v.bytes();
    long off = v.offset();
    long size = v.size();
    if (size < 1) {
      throw damaged(s, key, "empty stored value");
    }
    byte tag = in.readByte(off);
    if (tag == TAG_INLINE_CRC && size >= INLINE_HEADER) {
      int stored = readIntLe(in, off + 1);
      byte[] value = copy(in, off + INLINE_HEADER, size - INLINE_HEADER);
      verify(key, value, stored, s);
      return value;
    }
    if (tag == TAG_OVERFLOW && size == OverflowPointer.ENCODED_SIZE) {
      return OverflowPointer.decode(copy(in, off, size));
    }
    throw damaged(s, key, "unknown value format (tag " + tag + ", " + size + " bytes)");
  }

  /**
   * The overflow pointer a stored value holds, or null when it holds none. Verifies nothing, so a
   * writer can replace or remove a damaged entry (an overflow file whose pointer was damaged is
   * then left behind, and deleted by the next recovery as an orphan).
   */
  static OverflowPointer pointerOf(Data<byte[]> v) {
    return isPointer(v) ? OverflowPointer.decode(copy(v)) : null;
  }

  /** Whether a stored value looks like an overflow pointer; no checks, for recovery scans. */
  static boolean isPointer(Data<byte[]> v) {
    return v.size() == OverflowPointer.ENCODED_SIZE && v.bytes().readByte(v.offset()) == TAG_OVERFLOW;
  }

  static byte[] copy(Data<byte[]> d) {
    return copy(d.bytes(), d.offset(), d.size());
  }

  private static byte[] copy(RandomDataInput in, long off, long size) {
    byte[] out = new byte[(int) size];
    int done = 0;
    while (done < out.length) {
      long n = in.read(off + done, out, done, out.length - done);
      if (n <= 0) {
        throw new StorageException(StorageException.Code.CORRUPTED, "short read of a stored entry");
      }
      done += (int) n;
    }
    return out;
  }

  private static int readIntLe(RandomDataInput in, long at) {
    return (in.readByte(at) & 0xFF) | (in.readByte(at + 1) & 0xFF) << 8 | (in.readByte(at + 2) & 0xFF) << 16
        | (in.readByte(at + 3) & 0xFF) << 24;
  }

  static void writeIntLe(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  static int readIntLe(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }

  private static Damaged damaged(Shard s, byte[] key, String what) {
    String file = Shard.fileName(s.id);
    String message = s.corrupted("entry with key " + hexKey(key) + " in file " + file + ": " + what).getMessage();
    return new Damaged(file, key, message);
  }

  static String hex(int v) {
    return String.format("%08x", v);
  }

  /** A key for messages: hex, the first 32 bytes at most. */
  static String hexKey(byte[] key) {
    if (key == null) {
      return "?";
    }
    StringBuilder b = new StringBuilder("0x");
    for (int i = 0; i < Math.min(key.length, 32); i++) {
      b.append(String.format("%02x", key[i]));
    }
    return key.length > 32 ? b.append("...(").append(key.length).append(" bytes)").toString() : b.toString();
  }

  /**
   * CORRUPTED for one damaged stored value, saying which file of its store holds it and under
   * which key (null when unknown). Only that entry is affected: a cursor that fails with it moves
   * on past the entry when called again, and a check reports it and goes on.
   */
  static final class Damaged extends StorageException {
    private static final long serialVersionUID = 1L;
    /** The file inside the store directory, e.g. {@code shard-3.cmap} or {@code overflow/<id>.blob}. */
    final String file;
    final transient byte[] key;

    Damaged(String file, byte[] key, String message) {
      super(Code.CORRUPTED, message);
      this.file = file;
      this.key = key;
    }
  }
}
