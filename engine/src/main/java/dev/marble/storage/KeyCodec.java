package dev.marble.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Order-preserving encoding of key tuples: for any two tuples {@code a} and {@code b}, {@code
 * compare(encode(a), encode(b))} has the sign of the SQL comparison of {@code a} and {@code b},
 * column by column, NULL first, then values; a descending column inverts its order (so its NULLs
 * come last).
 *
 * <p>Each column is self-delimiting (no encoding is a prefix of another), so a composite key
 * compares column by column and a key prefix of the first columns can drive a range scan. Per
 * column: one marker byte ({@code 0x00} NULL, {@code 0x01} value), then
 *
 * <ul>
 *   <li>BOOLEAN: one byte 0/1; integers, DATE, TIME, TIMESTAMP: big-endian with the sign bit
 *       flipped;
 *   <li>REAL/DOUBLE: the IEEE bits, sign flipped for positives and all bits inverted for negatives
 *       ({@code -0.0} is stored as {@code 0.0}, NaN sorts after +Infinity);
 *   <li>DECIMAL: a sign class, then for non-zero values the decimal exponent and the digits in
 *       base-100 pairs terminated by 0, all inverted for negatives. Trailing zeros are removed
 *       first, so {@code 2.0} and {@code 2.00} encode identically (and decode as {@code 2});
 *   <li>strings (UTF-8) and binary: each {@code 0x00} byte escaped as {@code 00 FF}, terminated by
 *       {@code 00 00};
 *   <li>UUID: the 16 bytes, most significant long first (unsigned order).
 * </ul>
 *
 * A descending column has every byte of its encoding (marker included) inverted.
 *
 * <p>The format is persisted in every key: never change it without a format version.
 */
public final class KeyCodec {
  private static final byte NULL_MARKER = 0x00;
  private static final byte VALUE_MARKER = 0x01;
  private static final int DEC_NEGATIVE = 0x01;
  private static final int DEC_ZERO = 0x02;
  private static final int DEC_POSITIVE = 0x03;

  private KeyCodec() {}

  /**
   * Encodes one key tuple.
   *
   * @param descending per column, or {@code null} for all ascending
   * @throws IllegalArgumentException when the arrays disagree in length or a value does not fit its
   *     type
   */
  public static byte[] encode(ColumnType[] types, boolean[] descending, Object[] values) {
    if (values.length != types.length) {
      throw new IllegalArgumentException(
          "key has " + values.length + " values for " + types.length + " columns");
    }
    checkDescending(types, descending);
    Buf out = new Buf(estimate(types, values));
    for (int i = 0; i < types.length; i++) {
      int start = out.size;
      encodeColumn(out, types[i], values[i]);
      if (descending != null && descending[i]) {
        byte[] b = out.bytes;
        for (int j = start; j < out.size; j++) {
          b[j] = (byte) ~b[j];
        }
      }
    }
    return out.toArray();
  }

  /**
   * Decodes a key produced by {@link #encode} with the same types and directions. DECIMAL values
   * come back without trailing zeros (scale at least 0).
   *
   * @throws StorageException CORRUPTED when the bytes are not a valid key for these types
   */
  public static Object[] decode(ColumnType[] types, boolean[] descending, byte[] key) {
    checkDescending(types, descending);
    Object[] out = new Object[types.length];
    Reader r = new Reader(key);
    for (int i = 0; i < types.length; i++) {
      r.mask = descending != null && descending[i] ? (byte) 0xFF : 0;
      out[i] = decodeColumn(r, types[i]);
    }
    if (r.pos != key.length) {
      throw corrupted("key has " + (key.length - r.pos) + " trailing bytes");
    }
    return out;
  }

  /** Unsigned lexicographic comparison of two encoded keys (a shorter prefix sorts first). */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  // ---------------------------------------------------------------------------------- encoding

  private static void checkDescending(ColumnType[] types, boolean[] descending) {
    if (descending != null && descending.length != types.length) {
      throw new IllegalArgumentException(
          "descending has " + descending.length + " flags for " + types.length + " columns");
    }
  }

  private static int estimate(ColumnType[] types, Object[] values) {
    int n = 0;
    for (int i = 0; i < types.length; i++) {
      Object v = values[i];
      if (v instanceof String s) {
        n += s.length() + 3;
      } else if (v instanceof byte[] b) {
        n += b.length + 3;
      } else {
        n += 18;
      }
    }
    return n;
  }

  private static void encodeColumn(Buf out, ColumnType type, Object value) {
    if (value == null) {
      out.put(NULL_MARKER);
      return;
    }
    out.put(VALUE_MARKER);
    switch (type) {
      case BOOLEAN -> out.put(toBoolean(value) ? (byte) 1 : (byte) 0);
      case TINYINT -> out.put((byte) (toLong(value, type, Byte.MIN_VALUE, Byte.MAX_VALUE) ^ 0x80));
      case SMALLINT -> {
        int v = (int) toLong(value, type, Short.MIN_VALUE, Short.MAX_VALUE) ^ 0x8000;
        out.put((byte) (v >>> 8));
        out.put((byte) v);
      }
      case INTEGER, DATE, TIME ->
          out.putInt((int) toLong(value, type, Integer.MIN_VALUE, Integer.MAX_VALUE) ^ 0x80000000);
      case BIGINT, TIMESTAMP -> out.putLong(toLong(value, type, Long.MIN_VALUE, Long.MAX_VALUE) ^ Long.MIN_VALUE);
      case REAL -> {
        float f = toFloat(value);
        if (f == 0.0f) {
          f = 0.0f; // -0.0 == 0.0
        }
        int bits = Float.floatToIntBits(f); // canonical NaN
        out.putInt(bits < 0 ? ~bits : bits ^ 0x80000000);
      }
      case DOUBLE -> {
        double d = toDouble(value);
        if (d == 0.0d) {
          d = 0.0d;
        }
        long bits = Double.doubleToLongBits(d);
        out.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
      }
      case DECIMAL -> encodeDecimal(out, toBigDecimal(value));
      case CHAR, VARCHAR, CLOB -> encodeBytes(out, toStringValue(value, type).getBytes(StandardCharsets.UTF_8));
      case BINARY, VARBINARY, BLOB -> encodeBytes(out, toBytes(value, type));
      case UUID -> {
        UUID u = toUuid(value);
        out.putLong(u.getMostSignificantBits());
        out.putLong(u.getLeastSignificantBits());
      }
    }
  }

  private static void encodeBytes(Buf out, byte[] b) {
    out.ensure(b.length + 2);
    for (byte x : b) {
      if (x == 0) {
        out.put((byte) 0);
        out.put((byte) 0xFF);
      } else {
        out.put(x);
      }
    }
    out.put((byte) 0);
    out.put((byte) 0);
  }

  private static void encodeDecimal(Buf out, BigDecimal value) {
    int signum = value.signum();
    if (signum == 0) {
      out.put((byte) DEC_ZERO);
      return;
    }
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().abs().toString();
    long exponent = (long) digits.length() - v.scale(); // value = 0.DIGITS x 10^exponent
    if (exponent > Integer.MAX_VALUE || exponent < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("DECIMAL exponent out of range: " + value);
    }
    int start = out.size;
    out.put((byte) (signum > 0 ? DEC_POSITIVE : DEC_NEGATIVE));
    int magStart = out.size;
    out.putInt((int) exponent ^ 0x80000000);
    int n = digits.length();
    out.ensure(n / 2 + 2);
    for (int i = 0; i < n; i += 2) {
      int hi = digits.charAt(i) - '0';
      int lo = i + 1 < n ? digits.charAt(i + 1) - '0' : 0;
      out.put((byte) (hi * 10 + lo + 1)); // 1..100; 0 terminates
    }
    out.put((byte) 0);
    if (signum < 0) {
      byte[] b = out.bytes;
      for (int j = magStart; j < out.size; j++) {
        b[j] = (byte) ~b[j];
      }
    }
    assert out.size > start;
  }

  // ---------------------------------------------------------------------------------- decoding

  private static Object decodeColumn(Reader r, ColumnType type) {
    int marker = r.u8();
    if (marker == NULL_MARKER) {
      return null;
    }
    if (marker != VALUE_MARKER) {
      throw corrupted("bad null marker " + marker + " for " + type);
    }
    return switch (type) {
      case BOOLEAN -> {
        int b = r.u8();
        if (b > 1) {
          throw corrupted("bad BOOLEAN byte " + b);
        }
        yield b == 1;
      }
      case TINYINT -> (byte) (r.u8() ^ 0x80);
      case SMALLINT -> (short) (((r.u8() << 8) | r.u8()) ^ 0x8000);
      case INTEGER, DATE, TIME -> r.int32() ^ 0x80000000;
      case BIGINT, TIMESTAMP -> r.int64() ^ Long.MIN_VALUE;
      case REAL -> {
        int bits = r.int32();
        yield Float.intBitsToFloat(bits < 0 ? bits ^ 0x80000000 : ~bits);
      }
      case DOUBLE -> {
        long bits = r.int64();
        yield Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
      }
      case DECIMAL -> decodeDecimal(r);
      case CHAR, VARCHAR, CLOB -> new String(decodeBytes(r), StandardCharsets.UTF_8);
      case BINARY, VARBINARY, BLOB -> decodeBytes(r);
      case UUID -> new UUID(r.int64(), r.int64());
    };
  }

  private static byte[] decodeBytes(Reader r) {
    Buf out = new Buf(16);
    while (true) {
      int b = r.u8();
      if (b == 0) {
        int next = r.u8();
        if (next == 0) {
          return out.toArray();
        }
        if (next != 0xFF) {
          throw corrupted("bad escape 00 " + Integer.toHexString(next) + " in string or binary key");
        }
        out.put((byte) 0);
      } else {
        out.put((byte) b);
      }
    }
  }

  private static BigDecimal decodeDecimal(Reader r) {
    int cls = r.u8();
    if (cls == DEC_ZERO) {
      return BigDecimal.ZERO;
    }
    if (cls != DEC_POSITIVE && cls != DEC_NEGATIVE) {
      throw corrupted("bad DECIMAL sign class " + cls);
    }
    boolean negative = cls == DEC_NEGATIVE;
    byte saved = r.mask;
    if (negative) {
      r.mask = (byte) ~r.mask;
    }
    int exponent = r.int32() ^ 0x80000000;
    StringBuilder digits = new StringBuilder();
    while (true) {
      int b = r.u8();
      if (b == 0) {
        break;
      }
      if (b > 100) {
        throw corrupted("bad DECIMAL digit pair " + b);
      }
      int pair = b - 1;
      digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
    }
    r.mask = saved;
    int len = digits.length();
    while (len > 0 && digits.charAt(len - 1) == '0') {
      len--;
    }
    if (len == 0) {
      throw corrupted("DECIMAL without digits");
    }
    BigInteger unscaled = new BigInteger(digits.substring(0, len));
    long scale = (long) len - exponent;
    if (scale > Integer.MAX_VALUE || scale < Integer.MIN_VALUE) {
      throw corrupted("DECIMAL scale out of range");
    }
    BigDecimal v = new BigDecimal(negative ? unscaled.negate() : unscaled, (int) scale);
    return v.scale() < 0 && v.scale() >= -64 ? v.setScale(0) : v; // 1E+3 reads as 1000
  }

  private static StorageException corrupted(String message) {
    return new StorageException(StorageException.Code.CORRUPTED, "Corrupted key: " + message);
  }

  // ------------------------------------------------------------- value conversions (shared)

  static boolean toBoolean(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(v, ColumnType.BOOLEAN);
  }

  /** Any Number that holds an integral value in [min, max]. */
  static long toLong(Object v, ColumnType type, long min, long max) {
    long l;
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      l = ((Number) v).longValue();
    } else if (v instanceof BigDecimal d) {
      try {
        l = d.longValueExact();
      } catch (ArithmeticException e) {
        throw outOfRange(v, type);
      }
    } else if (v instanceof BigInteger bi) {
      if (bi.bitLength() > 63) {
        throw outOfRange(v, type);
      }
      l = bi.longValue();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d != Math.rint(d) || d < -0x1p63 || d >= 0x1p63) {
        throw outOfRange(v, type);
      }
      l = (long) d;
    } else if (v instanceof Number n) {
      l = n.longValue();
    } else {
      throw wrongType(v, type);
    }
    if (l < min || l > max) {
      throw outOfRange(v, type);
    }
    return l;
  }

  static float toFloat(Object v) {
    if (v instanceof Number n) {
      return n.floatValue();
    }
    throw wrongType(v, ColumnType.REAL);
  }

  static double toDouble(Object v) {
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(v, ColumnType.DOUBLE);
  }

  static BigDecimal toBigDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw outOfRange(v, ColumnType.DECIMAL);
      }
      return v instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw wrongType(v, ColumnType.DECIMAL);
  }

  static String toStringValue(Object v, ColumnType type) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof CharSequence cs) {
      return cs.toString();
    }
    throw wrongType(v, type);
  }

  static byte[] toBytes(Object v, ColumnType type) {
    if (v instanceof byte[] b) {
      return b;
    }
    throw wrongType(v, type);
  }

  static UUID toUuid(Object v) {
    if (v instanceof UUID u) {
      return u;
    }
    throw wrongType(v, ColumnType.UUID);
  }

  private static IllegalArgumentException wrongType(Object v, ColumnType type) {
    return new IllegalArgumentException(
        "a " + type + " value must be a " + type.valueClass().getSimpleName() + ", got "
            + v.getClass().getName());
  }

  private static IllegalArgumentException outOfRange(Object v, ColumnType type) {
    return new IllegalArgumentException("value " + v + " does not fit " + type);
  }

  // ---------------------------------------------------------------------------------- buffers

  /** A growable byte array. */
  static final class Buf {
    byte[] bytes;
    int size;

    Buf(int capacity) {
      bytes = new byte[Math.max(capacity, 8)];
    }

    void ensure(int extra) {
      if (size + extra > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
      }
    }

    void put(byte b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = b;
    }

    void putInt(int v) {
      ensure(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void putLong(long v) {
      putInt((int) (v >>> 32));
      putInt((int) v);
    }

    byte[] toArray() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }

  /** Reads a key, XOR-ing every byte with {@code mask} (0xFF inside a descending column). */
  private static final class Reader {
    final byte[] b;
    int pos;
    byte mask;

    Reader(byte[] b) {
      this.b = b;
    }

    int u8() {
      if (pos >= b.length) {
        throw corrupted("truncated key (" + b.length + " bytes)");
      }
      return (b[pos++] ^ mask) & 0xFF;
    }

    int int32() {
      return (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
    }

    long int64() {
      return ((long) int32() << 32) | (int32() & 0xFFFFFFFFL);
    }
  }
}
