package dev.marble.storage;

import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;

/**
 * The format of a value inside a shard map: one tag byte, then either the value itself ({@link
 * #TAG_INLINE}) or an encoded {@link OverflowPointer} ({@link #TAG_OVERFLOW}). The format is on
 * disk. Also copies Chronicle's off-heap {@link Data} into fresh arrays, which callers may keep
 * after the map context that lent the data is closed.
 */
final class StoredValue {
  static final byte TAG_INLINE = 0;
  static final byte TAG_OVERFLOW = 1;

  private StoredValue() {}

  /** {@code value} as stored inline: tag, then the bytes. */
  static byte[] inline(byte[] value) {
    byte[] stored = new byte[value.length + 1];
    stored[0] = TAG_INLINE;
    System.arraycopy(value, 0, stored, 1, value.length);
    return stored;
  }

  /**
   * A stored value: the inline bytes (tag stripped, a fresh array) or an {@link OverflowPointer}.
   *
   * @throws StorageException CORRUPTED for an empty value or an unknown tag
   */
  static Object decode(Data<byte[]> v, Shard s) {
    RandomDataInput in = v.bytes();
    long off = v.offset();
    long size = v.size();
    if (size < 1) {
      throw s.corrupted("empty stored value");
    }
    byte tag = in.readByte(off);
    if (tag == TAG_INLINE) {
      return copy(in, off + 1, size - 1);
    }
    if (tag == TAG_OVERFLOW && size == OverflowPointer.ENCODED_SIZE) {
      return OverflowPointer.decode(copy(in, off, size));
    }
    throw s.corrupted("bad value tag " + tag + " (" + size + " bytes)");
  }

  /** The overflow pointer a stored value holds, or null when it is inline (without copying it). */
  static OverflowPointer pointerOf(Data<byte[]> v, Shard s) {
    if (v.size() >= 1 && v.bytes().readByte(v.offset()) == TAG_INLINE) {
      return null;
    }
    return decode(v, s) instanceof OverflowPointer p ? p : null;
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
}
