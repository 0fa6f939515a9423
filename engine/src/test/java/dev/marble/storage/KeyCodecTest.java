package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyCodecTest {
  private static final int PAIRS = 3000;

  // ------------------------------------------------------------------ reference comparator

  /** SQL order of two non-null values of one type. */
  @SuppressWarnings("unchecked")
  static int referenceCompare(ColumnType t, Object a, Object b) {
    switch (t) {
      case REAL: {
        float x = ((Number) a).floatValue();
        float y = ((Number) b).floatValue();
        return x == y ? 0 : Float.compare(x, y);
      }
      case DOUBLE: {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return x == y ? 0 : Double.compare(x, y);
      }
      case DECIMAL:
        return ((BigDecimal) a).compareTo((BigDecimal) b);
      case CHAR:
      case VARCHAR:
      case CLOB:
        return Arrays.compare(((String) a).codePoints().toArray(), ((String) b).codePoints().toArray());
      case BINARY:
      case VARBINARY:
      case BLOB:
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
      case UUID: {
        UUID x = (UUID) a;
        UUID y = (UUID) b;
        int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
      }
      default:
        return ((Comparable<Object>) a).compareTo(b);
    }
  }

  /** Tuple order: NULL first, DESC inverts a column (so its NULLs come last). */
  static int referenceCompare(ColumnType[] types, boolean[] desc, Object[] a, Object[] b) {
    for (int i = 0; i < types.length; i++) {
      int c;
      if (a[i] == null || b[i] == null) {
        c = a[i] == null ? (b[i] == null ? 0 : -1) : 1;
      } else {
        c = referenceCompare(types[i], a[i], b[i]);
      }
      if (desc != null && desc[i]) {
        c = -c;
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  // --------------------------------------------------------------------- value generators

  static Object randomValue(ColumnType t, Random r) {
    switch (t) {
      case BOOLEAN:
        return r.nextBoolean();
      case TINYINT:
        return (byte) pick(r, r.nextInt(256) - 128, Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1, 1);
      case SMALLINT:
        return (short) pick(r, r.nextInt(65536) - 32768, Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 1);
      case INTEGER:
      case DATE:
      case TIME:
        return (int) pick(r, r.nextInt(5) == 0 ? r.nextInt(20) - 10 : r.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);
      case BIGINT:
      case TIMESTAMP:
        return pick(r, r.nextInt(5) == 0 ? r.nextInt(20) - 10 : r.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0, -1);
      case REAL: {
        float[] special = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};
        if (r.nextInt(4) == 0) {
          return special[r.nextInt(special.length)];
        }
        return r.nextBoolean() ? Float.intBitsToFloat(r.nextInt()) : (r.nextFloat() - 0.5f) * 100;
      }
      case DOUBLE: {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1, -1};
        if (r.nextInt(4) == 0) {
          return special[r.nextInt(special.length)];
        }
        return r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : (r.nextDouble() - 0.5) * 100;
      }
      case DECIMAL:
        return randomDecimal(r);
      case CHAR:
      case VARCHAR:
      case CLOB:
        return randomString(r);
      case BINARY:
      case VARBINARY:
      case BLOB: {
        byte[] alphabet = {0, 0, 1, (byte) 0xFF, (byte) 0xFE, 0x7F, (byte) 0x80, 'a'};
        byte[] b = new byte[r.nextInt(6)];
        for (int i = 0; i < b.length; i++) {
          b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
      }
      case UUID: {
        long[] parts = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1};
        long msb = r.nextInt(3) == 0 ? parts[r.nextInt(parts.length)] : r.nextLong();
        long lsb = r.nextInt(3) == 0 ? parts[r.nextInt(parts.length)] : r.nextLong();
        return new UUID(msb, lsb);
      }
      default:
        throw new AssertionError(t);
    }
  }

  private static long pick(Random r, long random, long... special) {
    return r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : random;
  }

  static BigDecimal randomDecimal(Random r) {
    BigInteger unscaled;
    switch (r.nextInt(4)) {
      case 0 -> unscaled = BigInteger.valueOf(r.nextInt(21) - 10);
      case 1 -> unscaled = BigInteger.valueOf(r.nextLong());
      case 2 -> unscaled = new BigInteger(r.nextInt(200) + 1, r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
      default -> unscaled = BigInteger.valueOf(r.nextInt(2001) - 1000).multiply(BigInteger.TEN.pow(r.nextInt(4)));
    }
    int scale = r.nextInt(5) == 0 ? r.nextInt(41) - 20 : r.nextInt(6);
    return new BigDecimal(unscaled, scale);
  }

  static String randomString(Random r) {
    String[] alphabet = {"\0", "\0", "\u0001", "a", "b", "\u007f", "\u00e9", "\uffff", "\ud83d\ude00", "\ue000", " "};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }

  static boolean sameValue(ColumnType t, Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (t == ColumnType.REAL || t == ColumnType.DOUBLE || t == ColumnType.DECIMAL) {
      return referenceCompare(t, expected, actual) == 0;
    }
    if (expected instanceof byte[] e) {
      return Arrays.equals(e, (byte[]) actual);
    }
    return expected.equals(actual);
  }

  // ------------------------------------------------------------------------------- tests

  @Test
  void everyTypeOrdersLikeSqlAscAndDesc() {
    Random r = new Random(42);
    for (ColumnType t : ColumnType.values()) {
      for (boolean desc : new boolean[] {false, true}) {
        ColumnType[] types = {t};
        boolean[] d = {desc};
        for (int i = 0; i < PAIRS; i++) {
          Object a = r.nextInt(10) == 0 ? null : randomValue(t, r);
          Object b = r.nextInt(3) == 0 ? a : (r.nextInt(10) == 0 ? null : randomValue(t, r));
          byte[] ka = KeyCodec.encode(types, d, new Object[] {a});
          byte[] kb = KeyCodec.encode(types, d, new Object[] {b});
          int expected = Integer.signum(referenceCompare(types, d, new Object[] {a}, new Object[] {b}));
          int actual = Integer.signum(KeyCodec.compare(ka, kb));
          assertEquals(expected, actual, () -> t + (desc ? " DESC " : " ") + show(a) + " vs " + show(b));
          if (expected == 0) {
            assertArrayEquals(ka, kb, () -> t + ": equal values must encode identically: " + show(a) + " " + show(b));
          }
          Object back = KeyCodec.decode(types, d, ka)[0];
          assertTrue(sameValue(t, a, back), () -> t + " round trip of " + show(a) + " gave " + show(back));
        }
      }
    }
  }

  @Test
  void compositeKeysArePrefixSafe() {
    Random r = new Random(7);
    ColumnType[] all = ColumnType.values();
    for (int round = 0; round < 300; round++) {
      int n = 1 + r.nextInt(4);
      ColumnType[] types = new ColumnType[n];
      boolean[] desc = new boolean[n];
      for (int i = 0; i < n; i++) {
        // favour variable-width columns first: they are where prefix bugs live
        types[i] = r.nextInt(3) == 0 ? ColumnType.VARCHAR : r.nextInt(3) == 0 ? ColumnType.VARBINARY : all[r.nextInt(all.length)];
        desc[i] = r.nextInt(3) == 0;
      }
      List<Object[]> tuples = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Object[] tuple = new Object[n];
        for (int c = 0; c < n; c++) {
          tuple[c] = r.nextInt(8) == 0 ? null : randomValue(types[c], r);
        }
        tuples.add(tuple);
      }
      boolean[] dirs = r.nextBoolean() ? desc : null;
      List<byte[]> keys = new ArrayList<>();
      for (Object[] t : tuples) {
        keys.add(KeyCodec.encode(types, dirs, t));
      }
      for (int i = 0; i < tuples.size(); i++) {
        for (int j = 0; j < tuples.size(); j++) {
          int expected = Integer.signum(referenceCompare(types, dirs, tuples.get(i), tuples.get(j)));
          int actual = Integer.signum(KeyCodec.compare(keys.get(i), keys.get(j)));
          int fi = i;
          int fj = j;
          assertEquals(expected, actual, () -> Arrays.toString(types) + " " + Arrays.toString(dirs) + ": "
              + showTuple(tuples.get(fi)) + " vs " + showTuple(tuples.get(fj)));
        }
        Object[] back = KeyCodec.decode(types, dirs, keys.get(i));
        for (int c = 0; c < n; c++) {
          assertTrue(sameValue(types[c], tuples.get(i)[c], back[c]));
        }
      }
    }
  }

  @Test
  void stringPrefixesAndEmbeddedZeros() {
    ColumnType[] types = {ColumnType.VARCHAR, ColumnType.INTEGER};
    String[] strings = {"", "\0", "\0\0", "\0a", "a", "a\0", "a\0\0", "a\0b", "a\u0001", "ab", "b", "\uffff", "\ud83d\ude00"};
    List<Object[]> tuples = new ArrayList<>();
    for (String s : strings) {
      for (int i : new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
        tuples.add(new Object[] {s, i});
      }
    }
    Comparator<Object[]> ref = (x, y) -> referenceCompare(types, null, x, y);
    List<Object[]> sorted = new ArrayList<>(tuples);
    sorted.sort(ref);
    List<Object[]> byKey = new ArrayList<>(tuples);
    byKey.sort((x, y) -> KeyCodec.compare(KeyCodec.encode(types, null, x), KeyCodec.encode(types, null, y)));
    for (int i = 0; i < sorted.size(); i++) {
      assertEquals(0, ref.compare(sorted.get(i), byKey.get(i)), "position " + i);
    }
    // supplementary characters sort after U+E000..U+FFFF (code point order, not UTF-16 order)
    assertTrue(KeyCodec.compare(key(ColumnType.VARCHAR, "\uffff"), key(ColumnType.VARCHAR, "\ud83d\ude00")) < 0);
  }

  @Test
  void decimalsCompareNumericallyAcrossScales() {
    ColumnType[] t = {ColumnType.DECIMAL};
    BigDecimal[] ordered = {new BigDecimal("-1E+10"), new BigDecimal("-10.25"), new BigDecimal("-2"),
        new BigDecimal("-1.5"), new BigDecimal("-0.001"), BigDecimal.ZERO, new BigDecimal("0.00001"),
        new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("10.25"), new BigDecimal("100"),
        new BigDecimal("1E+10")};
    for (int i = 0; i + 1 < ordered.length; i++) {
      assertTrue(KeyCodec.compare(key(ColumnType.DECIMAL, ordered[i]), key(ColumnType.DECIMAL, ordered[i + 1])) < 0,
          ordered[i] + " < " + ordered[i + 1]);
    }
    assertArrayEquals(key(ColumnType.DECIMAL, new BigDecimal("2.0")), key(ColumnType.DECIMAL, new BigDecimal("2.00")));
    assertArrayEquals(key(ColumnType.DECIMAL, new BigDecimal("2")), key(ColumnType.DECIMAL, new BigDecimal("2.000")));
    assertArrayEquals(key(ColumnType.DECIMAL, new BigDecimal("0.000")), key(ColumnType.DECIMAL, BigDecimal.ZERO));
    assertArrayEquals(key(ColumnType.DECIMAL, new BigDecimal("-7.50")), key(ColumnType.DECIMAL, new BigDecimal("-7.5")));
    assertArrayEquals(key(ColumnType.DECIMAL, new BigDecimal("1E+3")), key(ColumnType.DECIMAL, new BigDecimal("1000.00")));
    assertArrayEquals(key(ColumnType.DECIMAL, 2), key(ColumnType.DECIMAL, new BigDecimal("2.00")), "any Number converts");
    assertEquals(new BigDecimal("1000"), KeyCodec.decode(t, null, key(ColumnType.DECIMAL, new BigDecimal("1E+3")))[0]);
    assertEquals(new BigDecimal("2.5"), KeyCodec.decode(t, null, key(ColumnType.DECIMAL, new BigDecimal("2.500")))[0]);

    Random r = new Random(3);
    for (int i = 0; i < 5000; i++) {
      BigDecimal a = randomDecimal(r);
      BigDecimal b = r.nextBoolean() ? a.setScale(a.scale() + r.nextInt(4)) : randomDecimal(r);
      int expected = Integer.signum(a.compareTo(b));
      byte[] ka = key(ColumnType.DECIMAL, a);
      byte[] kb = key(ColumnType.DECIMAL, b);
      assertEquals(expected, Integer.signum(KeyCodec.compare(ka, kb)), a + " vs " + b);
      if (expected == 0) {
        assertArrayEquals(ka, kb, a + " and " + b);
      }
    }
  }

  @Test
  void floatingPointSpecials() {
    assertArrayEquals(key(ColumnType.DOUBLE, -0.0), key(ColumnType.DOUBLE, 0.0));
    assertArrayEquals(key(ColumnType.REAL, -0.0f), key(ColumnType.REAL, 0.0f));
    assertTrue(KeyCodec.compare(key(ColumnType.DOUBLE, Double.POSITIVE_INFINITY), key(ColumnType.DOUBLE, Double.NaN)) < 0);
    assertTrue(KeyCodec.compare(key(ColumnType.DOUBLE, Double.NEGATIVE_INFINITY), key(ColumnType.DOUBLE, -Double.MAX_VALUE)) < 0);
    assertTrue(KeyCodec.compare(key(ColumnType.REAL, Float.POSITIVE_INFINITY), key(ColumnType.REAL, Float.NaN)) < 0);
    assertArrayEquals(key(ColumnType.DOUBLE, Double.longBitsToDouble(0x7ff8000000000001L)), key(ColumnType.DOUBLE, Double.NaN));
  }

  @Test
  void numbersOfOtherClassesConvert() {
    assertArrayEquals(key(ColumnType.BIGINT, 5L), key(ColumnType.BIGINT, 5));
    assertArrayEquals(key(ColumnType.INTEGER, 5), key(ColumnType.INTEGER, 5L));
    assertArrayEquals(key(ColumnType.SMALLINT, (short) 5), key(ColumnType.SMALLINT, new BigDecimal("5.00")));
    assertArrayEquals(key(ColumnType.DOUBLE, 2.0), key(ColumnType.DOUBLE, 2));
    assertArrayEquals(key(ColumnType.REAL, 2.5f), key(ColumnType.REAL, 2.5));
    assertArrayEquals(key(ColumnType.TIMESTAMP, 1000L), key(ColumnType.TIMESTAMP, 1000));
    assertThrows(IllegalArgumentException.class, () -> key(ColumnType.TINYINT, 300));
    assertThrows(IllegalArgumentException.class, () -> key(ColumnType.INTEGER, 1L << 40));
    assertThrows(IllegalArgumentException.class, () -> key(ColumnType.BIGINT, 1.5));
    assertThrows(IllegalArgumentException.class, () -> key(ColumnType.INTEGER, "1"));
    assertThrows(IllegalArgumentException.class, () -> key(ColumnType.DECIMAL, Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> KeyCodec.encode(new ColumnType[] {ColumnType.INTEGER}, null, new Object[] {1, 2}));
  }

  @Test
  void uuidComparesUnsigned() {
    UUID small = new UUID(1, 0);
    UUID big = new UUID(-1, 0); // 0xFFFF... is the largest unsigned
    assertTrue(KeyCodec.compare(key(ColumnType.UUID, small), key(ColumnType.UUID, big)) < 0);
    assertTrue(KeyCodec.compare(key(ColumnType.UUID, new UUID(5, 1)), key(ColumnType.UUID, new UUID(5, -1))) < 0);
  }

  @Test
  void corruptKeysAreReported() {
    ColumnType[] types = {ColumnType.VARCHAR, ColumnType.BIGINT, ColumnType.DECIMAL};
    byte[] good = KeyCodec.encode(types, null, new Object[] {"abc", 5L, new BigDecimal("-12.5")});
    for (int len = 0; len < good.length; len++) {
      byte[] truncated = Arrays.copyOf(good, len);
      StorageException e = assertThrows(StorageException.class, () -> KeyCodec.decode(types, null, truncated));
      assertEquals(StorageException.Code.CORRUPTED, e.code());
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertEquals(StorageException.Code.CORRUPTED,
        assertThrows(StorageException.class, () -> KeyCodec.decode(types, null, trailing)).code());
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      byte[] bad = good.clone();
      bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
      try {
        KeyCodec.decode(types, null, bad);
      } catch (StorageException e) {
        assertEquals(StorageException.Code.CORRUPTED, e.code());
      }
    }
  }

  private static byte[] key(ColumnType t, Object v) {
    return KeyCodec.encode(new ColumnType[] {t}, null, new Object[] {v});
  }

  private static String show(Object v) {
    if (v instanceof byte[] b) {
      return "0x" + java.util.HexFormat.of().formatHex(b);
    }
    if (v instanceof String s) {
      return "'" + s.chars().mapToObj(c -> c < 32 || c > 126 ? String.format("\\u%04x", c) : String.valueOf((char) c))
          .reduce("", String::concat) + "'";
    }
    if (v instanceof Float f) {
      return f + "f(" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
    }
    return String.valueOf(v);
  }

  private static String showTuple(Object[] t) {
    StringBuilder sb = new StringBuilder("(");
    for (Object o : t) {
      sb.append(show(o)).append(", ");
    }
    return sb.append(")").toString();
  }
}
