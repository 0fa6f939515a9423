package dev.marble.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Where an overflow value is, and how to check it: the id of its file (or heap slot), its length
 * and its CRC32.
 *
 * <p>A shard map stores it as {@link #ENCODED_SIZE} bytes: {@link StoredValue#TAG_OVERFLOW}, then
 * id (8), length (4) and CRC (4), little-endian. That layout is on disk: it must not change
 * without a new store format.
 */
record OverflowPointer(long id, int length, int crc) {
  /** Bytes of an encoded pointer, tag included. */
  static final int ENCODED_SIZE = 1 + 8 + 4 + 4;
  /** Overflow files are named {@code <16 hex digits of the id>.blob}. */
  static final String FILE_SUFFIX = ".blob";

  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The pointer to {@code value} stored under {@code id}. */
  static OverflowPointer of(long id, byte[] value) {
    return new OverflowPointer(id, value.length, crc(value));
  }

  byte[] encode() {
    byte[] b = new byte[ENCODED_SIZE];
    b[0] = StoredValue.TAG_OVERFLOW;
    LONG_LE.set(b, 1, id);
    INT_LE.set(b, 9, length);
    INT_LE.set(b, 13, crc);
    return b;
  }

  /** Decodes an encoded pointer; the caller has checked its tag and size. */
  static OverflowPointer decode(byte[] b) {
    return new OverflowPointer((long) LONG_LE.get(b, 1), (int) INT_LE.get(b, 9), (int) INT_LE.get(b, 13));
  }

  /** Whether {@code value} has the length and checksum recorded when it was written. */
  boolean matches(byte[] value) {
    return value.length == length && crc(value) == crc;
  }

  String fileName() {
    return fileName(id);
  }

  static String fileName(long id) {
    return String.format("%016x", id) + FILE_SUFFIX;
  }

  private static int crc(byte[] v) {
    CRC32 c = new CRC32();
    c.update(v);
    return (int) c.getValue();
  }
}
