package dev.marble.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Compact rows that decode only the columns asked for.
 *
 * <pre>
 * [header: unsigned varint (version &lt;&lt; 1 | wide)]
 * [null bitmap: ceil(n/8) bytes, bit i set = column i is NULL]
 * [fixed area: every fixed-width column at its precomputed offset (zeros when NULL)]
 * [offset table: per variable-width column its end offset in the variable area,
 *                2 bytes each, or 4 bytes when wide = 1]
 * [variable area]
 * </pre>
 *
 * Numbers are little-endian. BOOLEAN is one byte, integers, REAL, DOUBLE, DATE, TIME and TIMESTAMP
 * their natural width, UUID 16 bytes (most significant long first). DECIMAL is the scale as a
 * zig-zag varint followed by the unscaled value in two's complement (big-endian, as {@link
 * BigInteger#toByteArray()}); strings are UTF-8. A NULL variable column has length 0.
 *
 * <p>Every read checks its bounds first: damaged bytes raise {@link StorageException} with code
 * CORRUPTED, never an index exception. The format is persisted: never change it without a new
 * header bit or version scheme.
 */
public final class RowCodec {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final byte[] EMPTY = new byte[0];

  private RowCodec() {}

  // ---------------------------------------------------------------------------------- encode

  /**
   * Encodes one row. {@code values} holds one value per column of {@code layout} (the value
   * classes of {@link ColumnType}; any {@link Number} is accepted for numeric types).
   *
   * @throws IllegalArgumentException when a value does not fit its column
   * @throws StorageException TOO_LARGE when the row exceeds 2 GiB
   */
  public static byte[] encode(RowLayout layout, Object[] values) {
    int n = layout.columnCount();
    if (values.length != n) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + n + " columns");
    }
    int varCount = layout.varCount();
    byte[][] varData = varCount == 0 ? null : new byte[varCount][];
    long varTotal = 0;
    for (int c = 0; c < n; c++) {
      int vi = layout.varIndex(c);
      if (vi >= 0) {
        byte[] b = values[c] == null ? EMPTY : varBytes(layout.type(c), values[c]);
        varData[vi] = b;
        varTotal += b.length;
      }
    }
    boolean wide = varTotal > 0xFFFF;
    int offWidth = wide ? 4 : 2;
    long header = ((long) layout.version() << 1) | (wide ? 1 : 0);
    int headerSize = varintSize(header);
    long total = (long) headerSize + layout.bitmapSize() + layout.fixedAreaSize()
        + (long) varCount * offWidth + varTotal;
    if (total > Integer.MAX_VALUE - 16) {
      throw new StorageException(StorageException.Code.TOO_LARGE, "row of " + total + " bytes exceeds 2 GiB");
    }
    byte[] out = new byte[(int) total];
    int pos = writeVarint(out, 0, header);
    int bitmap = pos;
    int fixed = bitmap + layout.bitmapSize();
    int table = fixed + layout.fixedAreaSize();
    int var = table + varCount * offWidth;
    int end = 0;
    for (int c = 0; c < n; c++) {
      Object v = values[c];
      if (v == null) {
        out[bitmap + (c >>> 3)] |= (byte) (1 << (c & 7));
      }
      int vi = layout.varIndex(c);
      if (vi >= 0) {
        byte[] b = varData[vi];
        System.arraycopy(b, 0, out, var + end, b.length);
        end += b.length;
        if (wide) {
          INT.set(out, table + vi * 4, end);
        } else {
          SHORT.set(out, table + vi * 2, (short) end);
        }
      } else if (v != null) {
        writeFixed(out, fixed + layout.fixedOffset(c), layout.type(c), v);
      }
    }
    return out;
  }

  private static byte[] varBytes(ColumnType type, Object v) {
    switch (type) {
      case CHAR, VARCHAR, CLOB -> {
        return KeyCodec.toStringValue(v, type).getBytes(StandardCharsets.UTF_8);
      }
      case BINARY, VARBINARY, BLOB -> {
        return KeyCodec.toBytes(v, type);
      }
      case DECIMAL -> {
        BigDecimal d = KeyCodec.toBigDecimal(v);
        byte[] mag = d.unscaledValue().toByteArray();
        long zz = zigzag(d.scale());
        byte[] out = new byte[varintSize(zz) + mag.length];
        int p = writeVarint(out, 0, zz);
        System.arraycopy(mag, 0, out, p, mag.length);
        return out;
      }
      default -> throw new IllegalStateException("not a variable-width type: " + type);
    }
  }

  private static void writeFixed(byte[] out, int at, ColumnType type, Object v) {
    switch (type) {
      case BOOLEAN -> out[at] = KeyCodec.toBoolean(v) ? (byte) 1 : 0;
      case TINYINT -> out[at] = (byte) KeyCodec.toLong(v, type, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT -> SHORT.set(out, at, (short) KeyCodec.toLong(v, type, Short.MIN_VALUE, Short.MAX_VALUE));
      case INTEGER, DATE, TIME -> INT.set(out, at, (int) KeyCodec.toLong(v, type, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case BIGINT, TIMESTAMP -> LONG.set(out, at, KeyCodec.toLong(v, type, Long.MIN_VALUE, Long.MAX_VALUE));
      case REAL -> INT.set(out, at, Float.floatToRawIntBits(KeyCodec.toFloat(v)));
      case DOUBLE -> LONG.set(out, at, Double.doubleToRawLongBits(KeyCodec.toDouble(v)));
      case UUID -> {
        UUID u = KeyCodec.toUuid(v);
        LONG_BE.set(out, at, u.getMostSignificantBits());
        LONG_BE.set(out, at + 8, u.getLeastSignificantBits());
      }
      default -> throw new IllegalStateException("not a fixed-width type: " + type);
    }
  }

  // ---------------------------------------------------------------------------------- decode

  /** The schema version of a row, reading its header only. */
  public static int version(byte[] row) {
    return version(row, 0, row.length);
  }

  public static int version(byte[] buf, int offset, int length) {
    checkRange(buf, offset, length);
    long header = readHeader(buf, offset, offset + length, new int[1]);
    return (int) (header >>> 1);
  }

  /** One column's value (or null), without decoding the others. */
  public static Object decode(RowLayout layout, byte[] row, int column) {
    return decode(layout, row, 0, row.length, column);
  }

  public static Object decode(RowLayout layout, byte[] buf, int offset, int length, int column) {
    checkColumn(layout, column);
    return new View(layout, buf, offset, length).value(column);
  }

  /**
   * Whether a variable-width column holds {@code needle} as a byte substring, searched in the
   * stored bytes without decoding (UTF-8 text: exactly when the string contains the needle's
   * string). NULL holds nothing.
   */
  public static boolean contains(RowLayout layout, byte[] row, int column, Needle needle) {
    checkColumn(layout, column);
    View v = new View(layout, row, 0, row.length);
    if (v.isNull(column)) {
      return false;
    }
    int vi = layout.varIndex(column);
    if (vi < 0) {
      throw new IllegalArgumentException("column " + column + " is not variable-width");
    }
    long from = vi == 0 ? 0 : v.endOffset(vi - 1);
    long to = v.endOffset(vi);
    if (from > to || v.var + to > v.end) {
      throw corrupted("bad offsets [" + from + ", " + to + ") for column " + column);
    }
    return needle.indexIn(row, v.var + (int) from, v.var + (int) to) >= 0;
  }

  /** Whether one column is NULL. */
  public static boolean isNull(RowLayout layout, byte[] row, int column) {
    checkColumn(layout, column);
    return new View(layout, row, 0, row.length).isNull(column);
  }

  /** Decodes {@code columns[i]} into {@code out[i]} for each i. */
  public static void decodeInto(RowLayout layout, byte[] row, int[] columns, Object[] out) {
    decodeInto(layout, row, 0, row.length, columns, out);
  }

  public static void decodeInto(RowLayout layout, byte[] buf, int offset, int length, int[] columns, Object[] out) {
    if (out.length < columns.length) {
      throw new IllegalArgumentException("out has " + out.length + " slots for " + columns.length + " columns");
    }
    for (int c : columns) {
      checkColumn(layout, c);
    }
    View v = new View(layout, buf, offset, length);
    for (int i = 0; i < columns.length; i++) {
      out[i] = v.value(columns[i]);
    }
  }

  /** Every column's value, in layout order. */
  public static Object[] decodeAll(RowLayout layout, byte[] row) {
    return decodeAll(layout, row, 0, row.length);
  }

  public static Object[] decodeAll(RowLayout layout, byte[] buf, int offset, int length) {
    View v = new View(layout, buf, offset, length);
    Object[] out = new Object[layout.columnCount()];
    for (int c = 0; c < out.length; c++) {
      out[c] = v.value(c);
    }
    return out;
  }

  private static void checkColumn(RowLayout layout, int column) {
    if (column < 0 || column >= layout.columnCount()) {
      throw new IllegalArgumentException("column " + column + " out of range for " + layout);
    }
  }

  private static void checkRange(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IllegalArgumentException(
          "range [" + offset + ", +" + length + ") outside a buffer of " + buf.length + " bytes");
    }
  }

  /** The parsed frame of one row: where each area starts, all bounds checked. */
  private static final class View {
    final RowLayout layout;
    final byte[] buf;
    final int end;
    final int bitmap;
    final int fixed;
    final int table;
    final int var;
    final boolean wide;

    View(RowLayout layout, byte[] buf, int offset, int length) {
      checkRange(buf, offset, length);
      this.layout = layout;
      this.buf = buf;
      this.end = offset + length;
      int[] pos = {0};
      long header = readHeader(buf, offset, end, pos);
      long version = header >>> 1;
      if (version != layout.version()) {
        throw new IllegalArgumentException(
            "row has schema version " + version + " but the layout is version " + layout.version());
      }
      wide = (header & 1) != 0;
      bitmap = pos[0];
      fixed = bitmap + layout.bitmapSize();
      table = fixed + layout.fixedAreaSize();
      long varStart = (long) table + (long) layout.varCount() * (wide ? 4 : 2);
      if (varStart > end) {
        throw corrupted("truncated row: " + length + " bytes, header and fixed part need " + (varStart - offset));
      }
      var = (int) varStart;
      long varLength = layout.varCount() == 0 ? 0 : endOffset(layout.varCount() - 1);
      if (var + varLength != end) {
        throw corrupted("row length " + length + " does not match its offsets (variable data "
            + varLength + " bytes at " + (var - offset) + ")");
      }
    }

    long endOffset(int vi) {
      return wide ? ((int) INT.get(buf, table + vi * 4)) & 0xFFFFFFFFL : ((short) SHORT.get(buf, table + vi * 2)) & 0xFFFF;
    }

    boolean isNull(int c) {
      return (buf[bitmap + (c >>> 3)] & (1 << (c & 7))) != 0;
    }

    Object value(int c) {
      if (isNull(c)) {
        return null;
      }
      ColumnType type = layout.type(c);
      int vi = layout.varIndex(c);
      if (vi < 0) {
        return fixedValue(fixed + layout.fixedOffset(c), type);
      }
      long from = vi == 0 ? 0 : endOffset(vi - 1);
      long to = endOffset(vi);
      if (from > to || var + to > end) {
        throw corrupted("bad offsets [" + from + ", " + to + ") for column " + c);
      }
      return varValue(var + (int) from, (int) (to - from), type, c);
    }

    private Object fixedValue(int at, ColumnType type) {
      return switch (type) {
        case BOOLEAN -> {
          byte b = buf[at];
          if (b != 0 && b != 1) {
            throw corrupted("bad BOOLEAN byte " + b);
          }
          yield b == 1;
        }
        case TINYINT -> buf[at];
        case SMALLINT -> (short) SHORT.get(buf, at);
        case INTEGER, DATE, TIME -> (int) INT.get(buf, at);
        case BIGINT, TIMESTAMP -> (long) LONG.get(buf, at);
        case REAL -> Float.intBitsToFloat((int) INT.get(buf, at));
        case DOUBLE -> Double.longBitsToDouble((long) LONG.get(buf, at));
        case UUID -> new UUID((long) LONG_BE.get(buf, at), (long) LONG_BE.get(buf, at + 8));
        default -> throw new IllegalStateException("not a fixed-width type: " + type);
      };
    }

    private Object varValue(int at, int len, ColumnType type, int c) {
      switch (type) {
        case CHAR, VARCHAR, CLOB -> {
          return new String(buf, at, len, StandardCharsets.UTF_8);
        }
        case BINARY, VARBINARY, BLOB -> {
          return Arrays.copyOfRange(buf, at, at + len);
        }
        case DECIMAL -> {
          int[] pos = {0};
          long zz = readVarint(buf, at, at + len, pos, "DECIMAL scale of column " + c);
          int magLen = at + len - pos[0];
          if (magLen <= 0 || zz > 0xFFFFFFFFL) {
            throw corrupted("bad DECIMAL in column " + c);
          }
          int scale = (int) ((zz >>> 1) ^ -(zz & 1));
          return new BigDecimal(new BigInteger(buf, pos[0], magLen), scale);
        }
        default -> throw new IllegalStateException("not a variable-width type: " + type);
      }
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static long readHeader(byte[] buf, int from, int end, int[] pos) {
    long header = readVarint(buf, from, end, pos, "row header");
    if (header >>> 1 > Integer.MAX_VALUE) {
      throw corrupted("row header " + header + " out of range");
    }
    return header;
  }

  /** Reads an unsigned LEB128 varint of at most 10 bytes; pos[0] receives the next position. */
  private static long readVarint(byte[] buf, int from, int end, int[] pos, String what) {
    long v = 0;
    int shift = 0;
    int p = from;
    while (true) {
      if (p >= end) {
        throw corrupted("truncated " + what);
      }
      byte b = buf[p++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw corrupted("overlong varint in " + what);
      }
    }
    pos[0] = p;
    return v;
  }

  private static int writeVarint(byte[] out, int at, long v) {
    while ((v & ~0x7FL) != 0) {
      out[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }

  private static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private static long zigzag(int v) {
    return ((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL;
  }

  private static StorageException corrupted(String message) {
    return new StorageException(StorageException.Code.CORRUPTED, "Corrupted row: " + message);
  }
}
