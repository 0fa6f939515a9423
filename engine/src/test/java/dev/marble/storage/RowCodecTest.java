package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowCodecTest {
  private static final ColumnType[] ALL = ColumnType.values();

  @Test
  void roundTripsEveryTypeWithNulls() {
    Random r = new Random(11);
    for (int round = 0; round < 2000; round++) {
      int n = 1 + r.nextInt(20);
      ColumnType[] types = new ColumnType[n];
      for (int i = 0; i < n; i++) {
        types[i] = ALL[r.nextInt(ALL.length)];
      }
      RowLayout layout = new RowLayout(r.nextInt(3) == 0 ? r.nextInt(100_000) : r.nextInt(5), types);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        values[i] = r.nextInt(5) == 0 ? null : value(types[i], r);
      }
      byte[] row = RowCodec.encode(layout, values);
      assertEquals(layout.version(), RowCodec.version(row));
      Object[] back = RowCodec.decodeAll(layout, row);
      for (int i = 0; i < n; i++) {
        assertSame(types[i], values[i], back[i]);
        assertSame(types[i], values[i], RowCodec.decode(layout, row, i));
        assertEquals(values[i] == null, RowCodec.isNull(layout, row, i));
      }
    }
  }

  @Test
  void exactValuesAndClasses() {
    ColumnType[] types = {ColumnType.BOOLEAN, ColumnType.TINYINT, ColumnType.SMALLINT, ColumnType.INTEGER,
        ColumnType.BIGINT, ColumnType.REAL, ColumnType.DOUBLE, ColumnType.DECIMAL, ColumnType.CHAR,
        ColumnType.VARCHAR, ColumnType.CLOB, ColumnType.BINARY, ColumnType.VARBINARY, ColumnType.BLOB,
        ColumnType.DATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.UUID};
    RowLayout layout = new RowLayout(0, types);
    UUID u = UUID.randomUUID();
    Object[] values = {true, (byte) -5, (short) 300, 123456, -9L, 1.5f, -0.0, new BigDecimal("-123.4500"),
        "ab  ", "", "h\u00e9llo \ud83d\ude00", new byte[] {1, 2}, new byte[0], new byte[] {0}, 19000, 3_600_000,
        1_700_000_000_000L, u};
    Object[] back = RowCodec.decodeAll(layout, RowCodec.encode(layout, values));
    for (int i = 0; i < types.length; i++) {
      if (values[i] instanceof byte[] b) {
        assertArrayEquals(b, (byte[]) back[i]);
      } else {
        assertEquals(values[i], back[i], types[i].toString());
        assertEquals(types[i].valueClass(), back[i].getClass());
      }
    }
    assertEquals(4, ((BigDecimal) back[7]).scale(), "DECIMAL keeps its scale");
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back[6]));
    // other Number classes convert
    Object[] numbers = RowCodec.decodeAll(new RowLayout(0, new ColumnType[] {ColumnType.BIGINT, ColumnType.DOUBLE,
        ColumnType.DECIMAL, ColumnType.TINYINT}), RowCodec.encode(new RowLayout(0, new ColumnType[] {ColumnType.BIGINT,
        ColumnType.DOUBLE, ColumnType.DECIMAL, ColumnType.TINYINT}), new Object[] {7, 2, 5L, 3L}));
    assertEquals(List(7L, 2.0, new BigDecimal(5), (byte) 3), Arrays.asList(numbers));
    assertThrows(IllegalArgumentException.class, () -> RowCodec.encode(
        new RowLayout(0, new ColumnType[] {ColumnType.TINYINT}), new Object[] {1000}));
  }

  private static java.util.List<Object> List(Object... o) {
    return Arrays.asList(o);
  }

  @Test
  void smallRowsStaySmall() {
    RowLayout layout = new RowLayout(1, new ColumnType[] {ColumnType.INTEGER, ColumnType.VARCHAR});
    byte[] row = RowCodec.encode(layout, new Object[] {1, "abc"});
    // header 1 + bitmap 1 + int 4 + one 2-byte offset + 3 bytes
    assertEquals(11, row.length);
    RowLayout nulls = new RowLayout(0, new ColumnType[] {ColumnType.VARCHAR, ColumnType.VARCHAR});
    assertEquals(1 + 1 + 4, RowCodec.encode(nulls, new Object[] {null, null}).length);
  }

  @Test
  void largeValuesUseWideOffsets() {
    Random r = new Random(5);
    for (int size : new int[] {8 * 1024, 65_535, 65_536, 70 * 1024, 1 << 20}) {
      RowLayout layout = new RowLayout(2, new ColumnType[] {ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.BLOB,
          ColumnType.VARCHAR});
      char[] chars = new char[size];
      for (int i = 0; i < size; i++) {
        chars[i] = (char) ('a' + r.nextInt(26));
      }
      String text = new String(chars);
      byte[] blob = new byte[size];
      r.nextBytes(blob);
      Object[] values = {42L, text, blob, "tail"};
      byte[] row = RowCodec.encode(layout, values);
      boolean wide = (row[0] & 1) != 0;
      assertEquals(2L * size + 4 > 0xFFFF, wide, "offset width for " + size);
      assertEquals(text, RowCodec.decode(layout, row, 1));
      assertArrayEquals(blob, (byte[]) RowCodec.decode(layout, row, 2));
      assertEquals("tail", RowCodec.decode(layout, row, 3));
      assertEquals(42L, RowCodec.decode(layout, row, 0));
    }
  }

  @Test
  void partialDecodeAndReusedBuffers() {
    ColumnType[] types = {ColumnType.VARCHAR, ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.UUID, ColumnType.VARBINARY};
    RowLayout layout = new RowLayout(3, types);
    UUID u = new UUID(1, 2);
    Object[] values = {"first", 7, new BigDecimal("1.25"), u, null};
    byte[] row = RowCodec.encode(layout, values);
    Object[] out = new Object[2];
    RowCodec.decodeInto(layout, row, new int[] {3, 0}, out);
    assertEquals(u, out[0]);
    assertEquals("first", out[1]);
    // the same row inside a bigger, reused buffer
    byte[] buf = new byte[row.length + 100];
    Arrays.fill(buf, (byte) 0x5A);
    System.arraycopy(row, 0, buf, 37, row.length);
    assertEquals(3, RowCodec.version(buf, 37, row.length));
    assertEquals(new BigDecimal("1.25"), RowCodec.decode(layout, buf, 37, row.length, 2));
    assertNull(RowCodec.decode(layout, buf, 37, row.length, 4));
    RowCodec.decodeInto(layout, buf, 37, row.length, new int[] {1, 2}, out);
    assertEquals(7, out[0]);
    Object[] all = RowCodec.decodeAll(layout, buf, 37, row.length);
    assertEquals("first", all[0]);
    assertThrows(IllegalArgumentException.class, () -> RowCodec.decode(layout, row, 5));
    assertThrows(IllegalArgumentException.class, () -> RowCodec.decode(new RowLayout(4, types), row, 0),
        "a layout of another version");
  }

  @Test
  void corruptRowsRaiseCorrupted() {
    ColumnType[] types = {ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DECIMAL, ColumnType.BOOLEAN,
        ColumnType.BLOB};
    RowLayout layout = new RowLayout(0, types);
    byte[] row = RowCodec.encode(layout, new Object[] {1, "hello world", new BigDecimal("3.14"), true, new byte[300]});
    for (int len = 0; len < row.length; len++) {
      int l = len;
      StorageException e = assertThrows(StorageException.class, () -> RowCodec.decodeAll(layout, Arrays.copyOf(row, l)),
          "truncated to " + len);
      assertEquals(StorageException.Code.CORRUPTED, e.code());
    }
    StorageException longer = assertThrows(StorageException.class,
        () -> RowCodec.decodeAll(layout, Arrays.copyOf(row, row.length + 3)));
    assertEquals(StorageException.Code.CORRUPTED, longer.code());
    assertEquals(StorageException.Code.CORRUPTED,
        assertThrows(StorageException.class, () -> RowCodec.version(new byte[] {(byte) 0x80, (byte) 0x80})).code());
    assertEquals(StorageException.Code.CORRUPTED,
        assertThrows(StorageException.class, () -> RowCodec.version(new byte[0])).code());
    Random r = new Random(9);
    int corrupted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bad = row.clone();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
      }
      try {
        RowCodec.decodeAll(layout, bad);
        for (int c = 0; c < types.length; c++) {
          RowCodec.decode(layout, bad, c);
        }
      } catch (StorageException e) {
        assertEquals(StorageException.Code.CORRUPTED, e.code());
        corrupted++;
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("schema version"), e.getMessage()); // damaged header
      }
    }
    assertTrue(corrupted > 0);
  }

  // ------------------------------------------------------------------------------ helpers

  private static Object value(ColumnType t, Random r) {
    switch (t) {
      case CHAR:
      case VARCHAR:
      case CLOB: {
        int n = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextInt(20) == 0 ? 3000 : 30);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
          sb.append(r.nextInt(10) == 0 ? '\u00e9' : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
      }
      case BINARY:
      case VARBINARY:
      case BLOB: {
        byte[] b = new byte[r.nextInt(r.nextInt(20) == 0 ? 3000 : 30)];
        r.nextBytes(b);
        return b;
      }
      default:
        return KeyCodecTest.randomValue(t, r);
    }
  }

  private static void assertSame(ColumnType t, Object expected, Object actual) {
    if (expected == null) {
      assertNull(actual, t.toString());
    } else if (expected instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) actual, t.toString());
    } else if (expected instanceof Float f) {
      assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual));
    } else if (expected instanceof Double d) {
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
    } else {
      assertEquals(expected, actual, t.toString()); // BigDecimal equals: value and scale
    }
  }
}
