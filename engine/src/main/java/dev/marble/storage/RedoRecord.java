package dev.marble.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The payload of one committed transaction in the {@link RedoLog}: the full images of the entries
 * it wrote and the keys it deleted, in the order they must be applied. Replaying a record twice
 * leaves the stores as replaying it once.
 *
 * <p>Format (all lengths and ids unsigned LEB128 varints):
 *
 * <pre>
 *   payload := FORMAT(byte = 1) count op*count
 *   op      := storeId kind(byte: 1 = put, 0 = delete) keyLength key [valueLength value]   (value only for put)
 * </pre>
 *
 * The checksum lives in the log record around the payload; {@link #decode} still checks every
 * length against the bytes left, so malformed input fails CORRUPTED, never with an index error.
 */
public final class RedoRecord {
  private static final byte FORMAT = 1;
  private static final byte DELETE = 0;
  private static final byte PUT = 1;

  private RedoRecord() {}

  /**
   * One write of a committed transaction. {@code storeId} is the object id of the table or index
   * store; {@code value} is the full new value for a put and null for a delete.
   */
  public record Op(long storeId, boolean put, byte[] key, byte[] value) {
    public Op {
      Objects.requireNonNull(key, "key");
      if (put && value == null) {
        throw new IllegalArgumentException("a put needs a value");
      }
      if (!put && value != null) {
        throw new IllegalArgumentException("a delete has no value");
      }
    }

    public static Op put(long storeId, byte[] key, byte[] value) {
      return new Op(storeId, true, key, value);
    }

    public static Op delete(long storeId, byte[] key) {
      return new Op(storeId, false, key, null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Op other && storeId == other.storeId && put == other.put
          && Arrays.equals(key, other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(storeId, put, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
      return (put ? "put" : "delete") + "(store " + storeId + ", key " + key.length + " bytes"
          + (put ? ", value " + value.length + " bytes)" : ")");
    }
  }

  /**
   * The payload for {@code ops}.
   *
   * @throws StorageException TOO_LARGE when the payload would exceed 2 GB
   */
  public static byte[] encode(List<Op> ops) {
    long size = 1 + varLength(ops.size());
    for (Op op : ops) {
      size += varLength(op.storeId()) + 1 + varLength(op.key().length) + op.key().length;
      if (op.put()) {
        size += varLength(op.value().length) + op.value().length;
      }
    }
    if (size > Integer.MAX_VALUE - 64) {
      throw new StorageException(StorageException.Code.TOO_LARGE,
          "A transaction's redo record of " + size + " bytes exceeds the 2 GB limit");
    }
    byte[] out = new byte[(int) size];
    int pos = 0;
    out[pos++] = FORMAT;
    pos = putVar(out, pos, ops.size());
    for (Op op : ops) {
      pos = putVar(out, pos, op.storeId());
      out[pos++] = op.put() ? PUT : DELETE;
      pos = putBytes(out, pos, op.key());
      if (op.put()) {
        pos = putBytes(out, pos, op.value());
      }
    }
    if (pos != out.length) {
      throw new IllegalStateException("redo record size miscomputed: " + pos + " != " + out.length);
    }
    return out;
  }

  /**
   * The operations in {@code payload}, with fresh arrays.
   *
   * @throws StorageException CORRUPTED when the payload is malformed
   */
  public static List<Op> decode(byte[] payload) {
    Reader r = new Reader(payload);
    int format = r.readByte();
    if (format != FORMAT) {
      throw corrupted("unknown format " + format);
    }
    long count = r.readVar();
    // Every op takes at least 3 bytes: a malformed count must not allocate a huge list.
    if (count < 0 || count > (payload.length - r.pos) / 3) {
      throw corrupted("op count " + Long.toUnsignedString(count) + " exceeds the "
          + (payload.length - r.pos) + " bytes left");
    }
    List<Op> ops = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      long storeId = r.readVar();
      int kind = r.readByte();
      if (kind != PUT && kind != DELETE) {
        throw corrupted("op " + i + " has unknown kind " + kind);
      }
      byte[] key = r.readBytes();
      byte[] value = kind == PUT ? r.readBytes() : null;
      ops.add(new Op(storeId, kind == PUT, key, value));
    }
    if (r.pos != payload.length) {
      throw corrupted((payload.length - r.pos) + " trailing bytes after " + count + " ops");
    }
    return ops;
  }

  private static StorageException corrupted(String what) {
    return new StorageException(StorageException.Code.CORRUPTED, "Malformed redo record: " + what);
  }

  private static int varLength(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private static int putVar(byte[] out, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      out[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[pos++] = (byte) v;
    return pos;
  }

  private static int putBytes(byte[] out, int pos, byte[] b) {
    pos = putVar(out, pos, b.length);
    System.arraycopy(b, 0, out, pos, b.length);
    return pos + b.length;
  }

  /** Bounds-checked reading of a payload. */
  private static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = in;
    }

    int readByte() {
      if (pos >= in.length) {
        throw corrupted("ends at byte " + pos + " inside an op");
      }
      return in[pos++] & 0xFF;
    }

    long readVar() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        if (shift == 63 && (b & 0xFE) != 0) {
          throw corrupted("varint at byte " + (pos - 1) + " overflows 64 bits");
        }
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw corrupted("varint at byte " + pos + " is too long");
    }

    byte[] readBytes() {
      int at = pos;
      long len = readVar();
      if (len < 0 || len > in.length - pos) {
        throw corrupted("length " + Long.toUnsignedString(len) + " at byte " + at + " runs past the end ("
            + (in.length - pos) + " bytes left)");
      }
      byte[] b = Arrays.copyOfRange(in, pos, pos + (int) len);
      pos += (int) len;
      return b;
    }
  }
}
