package dev.marble.jdbc;

import static dev.marble.jdbc.JdbcValuesTest.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarbleResultSetTest {
  private static final String[] ZONES = {
    "America/New_York", "Europe/Amsterdam", "Asia/Kolkata", "Pacific/Apia", "Australia/Lord_Howe"
  };

  private TimeZone savedZone;

  @BeforeEach
  void forceZone() {
    savedZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
  }

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(savedZone);
  }

  // ---------------------------------------------------------------- fixtures

  private static ResultColumn col(String label, int type, String typeName) {
    int scale = type == Types.DECIMAL ? 3 : type == Types.TIMESTAMP || type == Types.TIME ? 3 : 0;
    return ResultColumn.of(label, type, typeName, 10, scale, ResultSetMetaData.columnNullable);
  }

  /** A closeable enumerator over rows that counts close() calls. */
  private static class Rows implements Enumerator<Object[]> {
    final Enumerator<Object[]> delegate;
    final AtomicInteger closes = new AtomicInteger();

    Rows(Object[]... rows) {
      delegate = Linq4j.enumerator(Arrays.asList(rows));
    }

    @Override public Object[] current() {
      return delegate.current();
    }

    @Override public boolean moveNext() {
      return delegate.moveNext();
    }

    @Override public void reset() {
      delegate.reset();
    }

    @Override public void close() {
      closes.incrementAndGet();
    }
  }

  private static MarbleResultSet rs(List<ResultColumn> columns, Object[]... rows) {
    return new MarbleResultSet(null, columns, Linq4j.enumerator(Arrays.asList(rows)));
  }

  private static MarbleResultSet single(ResultColumn column, Object value) throws SQLException {
    MarbleResultSet rs = rs(List.of(column), new Object[] {value});
    assertTrue(rs.next());
    return rs;
  }

  private static final List<ResultColumn> ALL = List.of(
      col("B", Types.BOOLEAN, "BOOLEAN"),
      col("TI", Types.TINYINT, "TINYINT"),
      col("SI", Types.SMALLINT, "SMALLINT"),
      col("I", Types.INTEGER, "INTEGER"),
      col("BI", Types.BIGINT, "BIGINT"),
      col("R", Types.REAL, "REAL"),
      col("D", Types.DOUBLE, "DOUBLE"),
      col("DEC", Types.DECIMAL, "DECIMAL"),
      col("S", Types.VARCHAR, "VARCHAR"),
      col("CL", Types.CLOB, "CLOB"),
      col("VB", Types.VARBINARY, "VARBINARY"),
      col("BL", Types.BLOB, "BLOB"),
      col("DT", Types.DATE, "DATE"),
      col("TM", Types.TIME, "TIME"),
      col("TS", Types.TIMESTAMP, "TIMESTAMP"),
      col("U", Types.OTHER, "UUID"),
      col("A", Types.ARRAY, "INTEGER ARRAY"),
      col("N", Types.INTEGER, "INTEGER"));

  private static final UUID UID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
  private static final int TIME_MILLIS = 45_296_789; // 12:34:56.789
  private static final LocalDateTime TS = LocalDateTime.of(1960, 6, 15, 12, 34, 56, 789_000_000);

  private static Object[] allRow() {
    return new Object[] {
      true, (byte) 7, (short) 300, 300, 5_000_000_000L, 1.5f, 2.25d, new BigDecimal("12345.678"),
      "hello", "clob text", new ByteString(new byte[] {1, 2, (byte) 0xAB}), new byte[] {9, 8},
      -1, TIME_MILLIS, TS.toInstant(ZoneOffset.UTC).toEpochMilli(), UID, List.of(1, 2), null
    };
  }

  private static MarbleResultSet allTypes() throws SQLException {
    MarbleResultSet rs = rs(ALL, allRow());
    assertTrue(rs.next());
    return rs;
  }

  // ---------------------------------------------------------------- cursor

  @Test
  void emptyResult() throws SQLException {
    Rows rows = new Rows();
    MarbleResultSet rs = new MarbleResultSet(null, List.of(col("X", Types.INTEGER, null)), rows);
    assertFalse(rs.isBeforeFirst());
    assertFalse(rs.next());
    assertFalse(rs.isAfterLast());
    assertFalse(rs.isFirst());
    assertFalse(rs.isLast());
    assertEquals(0, rs.getRow());
    assertEquals(1, rows.closes.get(), "exhausted rows are closed at once");
    assertFalse(rs.next());
    rs.close();
    assertEquals(1, rows.closes.get());
  }

  @Test
  void cursorPositions() throws SQLException {
    Rows rows = new Rows(new Object[] {1}, new Object[] {2}, new Object[] {3});
    MarbleResultSet rs = new MarbleResultSet(null, List.of(col("X", Types.INTEGER, null)), rows);
    SQLException noRow = fails("24000", () -> rs.getInt(1));
    assertTrue(noRow.getMessage().contains("before the first row"), noRow.getMessage());
    assertTrue(rs.isBeforeFirst());
    assertTrue(rs.isBeforeFirst());
    assertEquals(0, rs.getRow());
    assertTrue(rs.next());
    assertTrue(rs.isFirst());
    assertFalse(rs.isLast());
    assertEquals(1, rs.getInt(1));
    assertEquals(1, rs.getRow());
    assertTrue(rs.next());
    assertFalse(rs.isFirst());
    assertFalse(rs.isBeforeFirst());
    assertEquals(2, rs.getInt(1));
    assertTrue(rs.next());
    assertTrue(rs.isLast());
    assertEquals(1, rows.closes.get());
    assertEquals(3, rs.getInt(1), "isLast looked ahead without losing the row");
    assertEquals(3, rs.getRow());
    assertFalse(rs.isAfterLast());
    assertFalse(rs.next());
    assertTrue(rs.isAfterLast());
    assertFalse(rs.isLast());
    assertEquals(0, rs.getRow());
    assertTrue(fails("24000", () -> rs.getInt(1)).getMessage().contains("after the last row"));
    assertFalse(rs.next());
  }

  @Test
  void closeIsIdempotentAndRunsHook() throws SQLException {
    Rows rows = new Rows(new Object[] {1}, new Object[] {2});
    MarbleResultSet rs = new MarbleResultSet(null, List.of(col("X", Types.INTEGER, null)), rows);
    AtomicInteger hook = new AtomicInteger();
    rs.setOnClose(hook::incrementAndGet);
    assertTrue(rs.next());
    assertFalse(rs.isClosed());
    rs.close();
    rs.close();
    assertTrue(rs.isClosed());
    assertEquals(1, rows.closes.get());
    assertEquals(1, hook.get());
    SQLException closed = fails("24000", rs::next);
    assertEquals("ResultSet is closed", closed.getMessage());
    fails("24000", () -> rs.getInt(1));
    fails("24000", () -> rs.getString("X"));
    fails("24000", rs::getMetaData);
    fails("24000", rs::isLast);
    fails("24000", rs::wasNull);
  }

  @Test
  void engineErrorsBecomeSqlExceptions() {
    Enumerator<Object[]> failing = new Rows() {
      @Override public boolean moveNext() {
        throw new IllegalStateException("boom");
      }
    };
    MarbleResultSet rs = new MarbleResultSet(null, List.of(col("X", Types.INTEGER, null)), failing);
    SQLException e = fails("XX000", rs::next);
    assertTrue(e.getMessage().contains("boom"));
  }

  @Test
  void forwardOnlyAndReadOnly() throws SQLException {
    MarbleResultSet rs = rs(List.of(col("X", Types.INTEGER, null)), new Object[] {1});
    assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
    assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
    assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, rs.getHoldability());
    assertEquals(ResultSet.FETCH_FORWARD, rs.getFetchDirection());
    assertNull(rs.getStatement());
    for (var call : List.<org.junit.jupiter.api.function.Executable>of(
        rs::beforeFirst, rs::afterLast, rs::first, rs::last, rs::previous,
        () -> rs.absolute(1), () -> rs.relative(1),
        () -> rs.setFetchDirection(ResultSet.FETCH_REVERSE))) {
      assertEquals("HY106", assertThrows(SQLException.class, call).getSQLState());
    }
    assertEquals("ResultSet is TYPE_FORWARD_ONLY",
        assertThrows(SQLException.class, rs::first).getMessage());
    rs.setFetchDirection(ResultSet.FETCH_FORWARD);
    fails("HY024", () -> rs.setFetchDirection(12345));
    rs.setFetchSize(50);
    assertEquals(50, rs.getFetchSize());
    fails("HY024", () -> rs.setFetchSize(-1));
    assertTrue(rs.next());
    assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
    assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateString("X", "a"));
    assertThrows(SQLFeatureNotSupportedException.class, rs::updateRow);
    assertThrows(SQLFeatureNotSupportedException.class, rs::insertRow);
    assertThrows(SQLFeatureNotSupportedException.class, rs::getCursorName);
    assertThrows(SQLFeatureNotSupportedException.class, () -> rs.getURL(1));
    assertThrows(SQLFeatureNotSupportedException.class, () -> rs.getURL("X"));
    assertFalse(rs.rowUpdated());
    assertNull(rs.getWarnings());
    rs.clearWarnings();
    assertSame(rs, rs.unwrap(MarbleResultSet.class));
    assertTrue(rs.isWrapperFor(ResultSet.class));
    assertFalse(rs.isWrapperFor(String.class));
    assertThrows(SQLException.class, () -> rs.unwrap(String.class));
  }

  // ---------------------------------------------------------------- columns

  @Test
  void findColumnByLabel() throws SQLException {
    List<ResultColumn> columns = List.of(
        new ResultColumn("Amount", "AMT", "S", "T", Types.INTEGER, "INTEGER", 10, 0,
            ResultSetMetaData.columnNullable, false, true),
        col("amount", Types.VARCHAR, "VARCHAR"),
        col("Other", Types.VARCHAR, "VARCHAR"));
    MarbleResultSet rs = rs(columns, new Object[] {1, "second", "x"});
    assertTrue(rs.next());
    assertEquals(1, rs.findColumn("AMOUNT"));
    assertEquals(1, rs.findColumn("amount"), "first match wins");
    assertEquals(1, rs.findColumn("amt"), "falls back to the column name");
    assertEquals(3, rs.findColumn("other"));
    assertEquals(1, rs.getInt("Amount"));
    SQLException e = fails("42S22", () -> rs.getString("missing"));
    assertEquals("Column missing not found in result; columns are: Amount, amount, Other",
        e.getMessage());
    assertEquals("Invalid column index 4 (result has 3 columns)",
        fails("07009", () -> rs.getString(4)).getMessage());
    fails("07009", () -> rs.getObject(0));
  }

  @Test
  void metaData() throws Exception {
    MarbleResultSet rs = allTypes();
    ResultSetMetaData md = rs.getMetaData();
    assertSame(md, rs.getMetaData());
    assertEquals(ALL.size(), md.getColumnCount());
    int s = rs.findColumn("S");
    assertTrue(md.isCaseSensitive(s));
    assertFalse(md.isCaseSensitive(rs.findColumn("I")));
    assertTrue(md.isSearchable(1));
    assertFalse(md.isCurrency(1));
    assertTrue(md.isReadOnly(1));
    assertFalse(md.isWritable(1));
    assertFalse(md.isDefinitelyWritable(1));
    assertEquals("", md.getCatalogName(1));
    assertEquals("", md.getSchemaName(1));
    assertEquals("", md.getTableName(1));
    assertEquals("S", md.getColumnLabel(s));
    assertEquals("S", md.getColumnName(s));
    assertEquals(Types.VARCHAR, md.getColumnType(s));
    assertEquals("VARCHAR", md.getColumnTypeName(s));
    assertEquals(10, md.getPrecision(s));
    assertEquals(10, md.getColumnDisplaySize(s));
    assertEquals(3, md.getScale(rs.findColumn("DEC")));
    assertEquals(ResultSetMetaData.columnNullable, md.isNullable(1));
    assertTrue(md.isSigned(rs.findColumn("I")));
    assertFalse(md.isSigned(s));
    assertFalse(md.isAutoIncrement(1));
    assertEquals("java.util.UUID", md.getColumnClassName(rs.findColumn("U")));
    assertEquals("Invalid column index 19 (result has 18 columns)",
        fails("07009", () -> md.getColumnName(19)).getMessage());
    fails("07009", () -> md.isReadOnly(0));
    assertTrue(md.isWrapperFor(MarbleResultSetMetaData.class));
    // getObject's classes agree with getColumnClassName
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      if (value != null) {
        String expected = md.getColumnClassName(i);
        Class<?> declared = Class.forName(expected, false, getClass().getClassLoader());
        assertTrue(declared.isInstance(value), i + ": " + value.getClass() + " vs " + expected);
      }
    }
  }

  // ---------------------------------------------------------------- getters

  @Test
  void getObjectClasses() throws SQLException {
    MarbleResultSet rs = allTypes();
    assertEquals(Boolean.TRUE, rs.getObject("B"));
    assertEquals(7, rs.getObject("TI"));
    assertEquals(300, rs.getObject("SI"));
    assertEquals(300, rs.getObject("I"));
    assertEquals(5_000_000_000L, rs.getObject("BI"));
    assertEquals(1.5f, rs.getObject("R"));
    assertEquals(2.25d, rs.getObject("D"));
    assertEquals(new BigDecimal("12345.678"), rs.getObject("DEC"));
    assertEquals("hello", rs.getObject("S"));
    assertEquals("clob text", rs.getObject("CL"));
    assertArrayEquals(new byte[] {1, 2, (byte) 0xAB}, (byte[]) rs.getObject("VB"));
    assertArrayEquals(new byte[] {9, 8}, (byte[]) rs.getObject("BL"));
    assertEquals(java.sql.Date.valueOf("1969-12-31"), rs.getObject("DT"));
    assertInstanceOf(Time.class, rs.getObject("TM"));
    assertEquals(Timestamp.valueOf(TS), rs.getObject("TS"));
    assertEquals(UID, rs.getObject("U"));
    assertEquals(List.of(1, 2), rs.getObject("A"));
    assertNull(rs.getObject("N"));
    assertTrue(rs.wasNull());
    assertEquals("hello", rs.getObject(rs.findColumn("S"), java.util.Map.of()));
  }

  @Test
  void getString() throws SQLException {
    MarbleResultSet rs = allTypes();
    assertEquals("TRUE", rs.getString("B"));
    assertEquals("7", rs.getString("TI"));
    assertEquals("5000000000", rs.getString("BI"));
    assertEquals("1.5", rs.getString("R"));
    assertEquals("2.25", rs.getString("D"));
    assertEquals("12345.678", rs.getString("DEC"));
    assertEquals("0102ab", rs.getString("VB"));
    assertEquals("0908", rs.getString("BL"));
    assertEquals("1969-12-31", rs.getString("DT"));
    assertEquals("12:34:56.789", rs.getString("TM"));
    assertEquals("1960-06-15 12:34:56.789", rs.getString("TS"));
    assertEquals(UID.toString(), rs.getString("U"));
    assertEquals("[1, 2]", rs.getString("A"));
    assertNull(rs.getString("N"));
    assertTrue(rs.wasNull());
    assertEquals("hello", rs.getNString("S"));
    assertFalse(rs.wasNull());
    ResultColumn dec = col("X", Types.DECIMAL, "DECIMAL");
    assertEquals("1000", single(dec, new BigDecimal("1E+3")).getString(1));
    ResultColumn ts = col("X", Types.TIMESTAMP, "TIMESTAMP");
    assertEquals("2024-01-02 03:04:05", single(ts, 1_704_164_645_000L).getString(1));
    ResultColumn time = col("X", Types.TIME, "TIME");
    assertEquals("00:00:00", single(time, 0).getString(1));
  }

  @Test
  @SuppressWarnings("deprecation")
  void numericGetters() throws SQLException {
    MarbleResultSet rs = allTypes();
    assertTrue(rs.getBoolean("B"));
    assertEquals(1, rs.getInt("B"));
    assertEquals(7, rs.getByte("TI"));
    assertEquals(300, rs.getShort("SI"));
    assertEquals(300L, rs.getLong("I"));
    assertEquals(1.5d, rs.getDouble("R"));
    assertEquals(2.25f, rs.getFloat("D"));
    assertEquals(12345, rs.getInt("DEC"));
    assertEquals(12345.678, rs.getDouble("DEC"));
    assertEquals(new BigDecimal("12345.68"), rs.getBigDecimal(rs.findColumn("DEC"), 2));
    assertEquals(new BigDecimal("5000000000"), rs.getBigDecimal("BI"));
    assertTrue(rs.getBoolean("I"));
    assertEquals(0, rs.getInt("N"));
    assertTrue(rs.wasNull());
    assertFalse(rs.getBoolean("N"));
    assertNull(rs.getBigDecimal("N"));
    assertEquals(0.0, rs.getDouble("N"));
    assertEquals(300, rs.getInt("SI"));
    assertFalse(rs.wasNull());
    assertEquals("Value 300 out of range for TINYINT in column I",
        fails("22003", () -> rs.getByte("I")).getMessage());
    assertEquals("Value 5000000000 out of range for INTEGER in column BI",
        fails("22003", () -> rs.getInt("BI")).getMessage());
    assertEquals("Cannot convert 'hello' to INTEGER in column S",
        fails("22018", () -> rs.getInt("S")).getMessage());
    assertEquals("Cannot convert DATE to BIGINT in column DT",
        fails("22018", () -> rs.getLong("DT")).getMessage());
    fails("22018", () -> rs.getDouble("TS"));
    fails("22018", () -> rs.getBoolean("S"));
    fails("22018", () -> rs.getBigDecimal("VB"));
  }

  @Test
  void lenientNumbersAndNumericStrings() throws SQLException {
    ResultColumn integer = col("X", Types.INTEGER, "INTEGER");
    assertEquals(12, single(integer, 12L).getObject(1));
    assertEquals(12, single(integer, new BigDecimal("12.9")).getInt(1));
    ResultColumn real = col("X", Types.REAL, "REAL");
    assertEquals(0.1f, single(real, 0.1d).getObject(1));
    assertEquals("0.1", single(real, 0.1d).getString(1));
    fails("22003", () -> single(real, 1e300).getObject(1));
    ResultColumn tiny = col("X", Types.TINYINT, "TINYINT");
    assertEquals(-5, single(tiny, (byte) -5).getObject(1));
    ResultColumn decimal = col("X", Types.DECIMAL, "DECIMAL");
    assertEquals(new BigDecimal("42"), single(decimal, 42).getObject(1));
    ResultColumn text = col("X", Types.VARCHAR, "VARCHAR");
    assertEquals(42, single(text, " 42 ").getInt(1));
    assertEquals(-3, single(text, "-3.99").getInt(1));
    assertEquals(2.5, single(text, "2.5").getDouble(1));
    assertEquals(new BigDecimal("1.10"), single(text, "1.10").getBigDecimal(1));
    assertTrue(single(text, "yes").getBoolean(1));
    assertFalse(single(text, "0").getBoolean(1));
    assertEquals("Value 300 out of range for TINYINT in column X",
        fails("22003", () -> single(text, "300").getByte(1)).getMessage());
    assertEquals("Cannot convert '12abc' to BIGINT in column X",
        fails("22018", () -> single(text, "12abc").getLong(1)).getMessage());
    ResultColumn dbl = col("X", Types.DOUBLE, "DOUBLE");
    assertEquals(Double.NaN, single(dbl, Double.NaN).getDouble(1));
    fails("22003", () -> single(dbl, Double.NaN).getInt(1));
  }

  @Test
  void binaryAndLobGetters() throws Exception {
    MarbleResultSet rs = allTypes();
    int vb = rs.findColumn("VB");
    assertArrayEquals(new byte[] {1, 2, (byte) 0xAB}, rs.getBytes(vb));
    assertArrayEquals(new byte[] {9, 8}, rs.getBytes("BL"));
    assertArrayEquals("hello".getBytes("UTF-8"), rs.getBytes("S"));
    try (InputStream in = rs.getBinaryStream(vb)) {
      assertArrayEquals(new byte[] {1, 2, (byte) 0xAB}, in.readAllBytes());
    }
    Blob blob = rs.getBlob("BL");
    assertEquals(2, blob.length());
    assertArrayEquals(new byte[] {9, 8}, blob.getBytes(1, 2));
    Clob clob = rs.getClob("CL");
    assertEquals("clob text", clob.getSubString(1, (int) clob.length()));
    NClob nclob = rs.getNClob("S");
    assertEquals("hello", nclob.getSubString(1, 5));
    try (Reader reader = rs.getCharacterStream("CL")) {
      assertEquals("clob text", readAll(reader));
    }
    try (Reader reader = rs.getNCharacterStream("S")) {
      assertEquals("hello", readAll(reader));
    }
    try (InputStream ascii = rs.getAsciiStream("S")) {
      assertEquals("hello", new String(ascii.readAllBytes(), "US-ASCII"));
    }
    assertNull(rs.getBytes("N"));
    assertNull(rs.getBinaryStream("N"));
    assertNull(rs.getBlob("N"));
    assertNull(rs.getClob("N"));
    assertNull(rs.getCharacterStream("N"));
    assertArrayEquals(uuidBytes(), rs.getBytes("U"));
    fails("22018", () -> rs.getBytes("I"));
  }

  private static byte[] uuidBytes() {
    return java.nio.ByteBuffer.allocate(16).putLong(UID.getMostSignificantBits())
        .putLong(UID.getLeastSignificantBits()).array();
  }

  private static String readAll(Reader reader) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[64];
    for (int n; (n = reader.read(buffer)) >= 0; ) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  @Test
  void getObjectWithClass() throws Exception {
    MarbleResultSet rs = allTypes();
    assertEquals("300", rs.getObject("I", String.class));
    assertEquals(300, rs.getObject("SI", Integer.class));
    assertEquals(300L, rs.getObject("I", Long.class));
    assertEquals((short) 300, rs.getObject("I", Short.class));
    assertEquals((byte) 7, rs.getObject("TI", Byte.class));
    assertEquals(Boolean.TRUE, rs.getObject("B", Boolean.class));
    assertEquals(1.5d, rs.getObject("R", Double.class));
    assertEquals(2.25f, rs.getObject("D", Float.class));
    assertEquals(new BigDecimal("300"), rs.getObject("I", BigDecimal.class));
    assertEquals(BigInteger.valueOf(12345), rs.getObject("DEC", BigInteger.class));
    assertArrayEquals(new byte[] {9, 8}, rs.getObject("BL", byte[].class));
    assertEquals(UID, rs.getObject("U", UUID.class));
    assertEquals(UID, rs.getObject("U", Object.class));
    assertEquals(LocalDate.of(1969, 12, 31), rs.getObject("DT", LocalDate.class));
    assertEquals(LocalTime.of(12, 34, 56, 789_000_000), rs.getObject("TM", LocalTime.class));
    assertEquals(TS, rs.getObject("TS", LocalDateTime.class));
    assertEquals(TS.atOffset(ZoneOffset.UTC), rs.getObject("TS", OffsetDateTime.class));
    assertEquals(TS.toInstant(ZoneOffset.UTC), rs.getObject("TS", Instant.class));
    assertEquals(java.sql.Date.valueOf("1969-12-31"), rs.getObject("DT", java.sql.Date.class));
    assertEquals(Timestamp.valueOf(TS), rs.getObject("TS", Timestamp.class));
    assertEquals(LocalTime.of(12, 34, 56), rs.getObject("TM", Time.class).toLocalTime());
    assertEquals(2, rs.getObject("BL", Blob.class).length());
    assertEquals(9, rs.getObject("CL", Clob.class).length());
    assertEquals(5, rs.getObject("S", NClob.class).length());
    try (InputStream in = rs.getObject("VB", InputStream.class)) {
      assertEquals(3, in.readAllBytes().length);
    }
    try (Reader reader = rs.getObject("S", Reader.class)) {
      assertEquals("hello", readAll(reader));
    }
    assertEquals(LocalDate.of(1960, 6, 15), rs.getObject("TS", LocalDate.class));
    assertEquals(List.of(1, 2), rs.getObject("A", List.class));
    assertEquals(5_000_000_000L, rs.getObject("BI", Number.class));
    assertEquals(300, rs.getObject("I", int.class));
    assertNull(rs.getObject("N", Integer.class));
    assertTrue(rs.wasNull());
    assertEquals("Cannot convert INTEGER to java.util.Map in column I",
        fails("22018", () -> rs.getObject("I", java.util.Map.class)).getMessage());
    fails("22018", () -> rs.getObject("DT", LocalTime.class));
    fails("22018", () -> rs.getObject("TM", LocalDate.class));
    fails("22018", () -> rs.getObject("S", UUID.class));
    fails("HY009", () -> rs.getObject(1, (Class<?>) null));
  }

  @Test
  void stringsAsTemporalsAndUuids() throws SQLException {
    ResultColumn text = col("X", Types.VARCHAR, "VARCHAR");
    assertEquals(LocalDate.of(2024, 2, 29), single(text, "2024-02-29").getObject(1, LocalDate.class));
    assertEquals(java.sql.Date.valueOf("2024-02-29"), single(text, "2024-02-29").getDate(1));
    assertEquals(Timestamp.valueOf("2024-02-29 10:11:12.5"),
        single(text, "2024-02-29 10:11:12.5").getTimestamp(1));
    assertEquals(Time.valueOf("10:11:12"), single(text, "10:11:12").getTime(1));
    assertEquals(UID, single(text, UID.toString()).getObject(1, UUID.class));
    assertEquals("Cannot convert 'tomorrow' to DATE in column X",
        fails("22018", () -> single(text, "tomorrow").getDate(1)).getMessage());
  }

  // ---------------------------------------------------------------- temporal values

  @Test
  void temporalGettersInDefaultZone() throws SQLException {
    MarbleResultSet rs = allTypes();
    assertEquals(LocalDate.of(1969, 12, 31), rs.getDate("DT").toLocalDate());
    assertEquals(LocalTime.of(12, 34, 56), rs.getTime("TM").toLocalTime());
    assertEquals(789, Math.floorMod(rs.getTime("TM").getTime(), 1000));
    assertEquals(TS, rs.getTimestamp("TS").toLocalDateTime());
    assertEquals(LocalDate.of(1960, 6, 15), rs.getDate("TS").toLocalDate());
    assertEquals(LocalTime.of(12, 34, 56), rs.getTime("TS").toLocalTime());
    assertEquals(LocalDate.of(1969, 12, 31).atStartOfDay(),
        rs.getTimestamp("DT").toLocalDateTime());
    fails("22018", () -> rs.getTime("DT"));
    fails("22018", () -> rs.getDate("TM"));
    fails("22018", () -> rs.getDate("I"));
    assertNull(rs.getDate("N"));
    assertNull(rs.getTimestamp("N", Calendar.getInstance()));
  }

  @Test
  void temporalGettersWithCalendar() throws SQLException {
    MarbleResultSet rs = allTypes();
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    assertEquals(-86_400_000L, rs.getDate("DT", utc).getTime());
    assertEquals(TIME_MILLIS, rs.getTime("TM", utc).getTime());
    long tsMillis = TS.toInstant(ZoneOffset.UTC).toEpochMilli();
    assertEquals(tsMillis, rs.getTimestamp("TS", utc).getTime());
    assertEquals(789_000_000, rs.getTimestamp("TS", utc).getNanos());
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    assertEquals(tsMillis - 9 * 3_600_000L, rs.getTimestamp("TS", tokyo).getTime());
    assertEquals(-86_400_000L - 9 * 3_600_000L, rs.getDate("DT", tokyo).getTime());
  }

  @Test
  void daylightSavingTransitions() throws SQLException {
    ResultColumn ts = col("X", Types.TIMESTAMP, "TIMESTAMP");
    // 02:30 does not exist in New York on 2024-03-10: the local value itself is exact ...
    LocalDateTime gap = LocalDateTime.of(2024, 3, 10, 2, 30);
    long gapMillis = gap.toInstant(ZoneOffset.UTC).toEpochMilli();
    assertEquals("2024-03-10 02:30:00", single(ts, gapMillis).getString(1));
    assertEquals(gap, single(ts, gapMillis).getObject(1, LocalDateTime.class));
    assertEquals(gapMillis, single(ts, gapMillis).getTimestamp(1,
        Calendar.getInstance(TimeZone.getTimeZone("UTC"))).getTime());
    // ... while java.sql.Timestamp (an instant in the default zone) can only say 03:30.
    assertEquals(LocalDateTime.of(2024, 3, 10, 3, 30),
        single(ts, gapMillis).getTimestamp(1).toLocalDateTime());
    // 01:30 happens twice on 2024-11-03: the local value survives the round trip.
    LocalDateTime overlap = LocalDateTime.of(2024, 11, 3, 1, 30);
    long overlapMillis = overlap.toInstant(ZoneOffset.UTC).toEpochMilli();
    assertEquals(overlap, single(ts, overlapMillis).getTimestamp(1).toLocalDateTime());
    ResultColumn date = col("X", Types.DATE, "DATE");
    int dstDay = (int) LocalDate.of(2024, 3, 10).toEpochDay();
    assertEquals(LocalDate.of(2024, 3, 10), single(date, dstDay).getDate(1).toLocalDate());
    assertEquals("2024-03-10", single(date, dstDay).getString(1));
    // Samoa skipped 2011-12-30 entirely; Amsterdam skipped 1937-07-01T00:00:00..00:00:28.
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Apia"));
    int skipped = (int) LocalDate.of(2011, 12, 30).toEpochDay();
    assertEquals(LocalDate.of(2011, 12, 30), single(date, skipped).getObject(1, LocalDate.class));
    assertEquals("2011-12-30", single(date, skipped).getString(1));
    assertEquals(skipped, JdbcValues.toEngine(LocalDate.of(2011, 12, 30), Types.DATE, "p"));
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Amsterdam"));
    int shortDay = (int) LocalDate.of(1937, 7, 1).toEpochDay();
    assertEquals(LocalDate.of(1937, 7, 1), single(date, shortDay).getDate(1).toLocalDate());
    assertEquals(shortDay, JdbcValues.toEngine(single(date, shortDay).getDate(1), Types.DATE, "p"));
  }

  @Test
  void temporalValuesAcrossZonesAndBefore1970() throws SQLException {
    List<LocalDateTime> moments = List.of(
        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
        LocalDateTime.of(1900, 1, 1, 0, 0),
        LocalDateTime.of(1937, 6, 30, 23, 59, 59),
        LocalDateTime.of(1955, 4, 23, 2, 30),
        LocalDateTime.of(2011, 12, 29, 12, 0),
        LocalDateTime.of(2024, 10, 6, 3, 15),
        LocalDateTime.of(1700, 3, 1, 8, 0));
    List<ResultColumn> columns = List.of(col("D", Types.DATE, "DATE"),
        col("T", Types.TIME, "TIME"), col("TS", Types.TIMESTAMP, "TIMESTAMP"));
    for (String zone : ZONES) {
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      List<Object[]> rows = new ArrayList<>();
      for (LocalDateTime m : moments) {
        rows.add(new Object[] {(int) m.toLocalDate().toEpochDay(),
            (int) (m.toLocalTime().toNanoOfDay() / 1_000_000),
            m.toInstant(ZoneOffset.UTC).toEpochMilli()});
      }
      MarbleResultSet rs = new MarbleResultSet(null, columns, Linq4j.enumerator(rows));
      for (LocalDateTime m : moments) {
        assertTrue(rs.next());
        String where = zone + " " + m;
        assertEquals(m.toLocalDate(), rs.getObject(1, LocalDate.class), where);
        assertEquals(m.toLocalDate().toString(), rs.getString(1), where);
        assertEquals(m.toLocalDate(), rs.getDate(1).toLocalDate(), where);
        assertEquals(m.toLocalTime(), rs.getObject(2, LocalTime.class), where);
        assertEquals(m.toLocalTime().withNano(0), rs.getTime(2).toLocalTime(), where);
        assertEquals(m, rs.getObject(3, LocalDateTime.class), where);
        assertEquals(m, rs.getTimestamp(3).toLocalDateTime(), where);
        assertEquals(m.toLocalDate(), rs.getDate(3).toLocalDate(), where);
        // back into the engine through the java.sql values gives the same encodings
        assertEquals(rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli(),
            JdbcValues.toEngine(rs.getTimestamp(3), Types.TIMESTAMP, "p"), where);
        assertEquals((int) m.toLocalDate().toEpochDay(),
            JdbcValues.toEngine(rs.getDate(1), Types.DATE, "p"), where);
      }
      assertFalse(rs.next());
    }
  }
}
