package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.rowset.serial.SerialBlob;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JdbcValuesTest {
  private static TimeZone savedZone;

  @BeforeAll
  static void forceZone() {
    savedZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
  }

  @AfterAll
  static void restoreZone() {
    TimeZone.setDefault(savedZone);
  }

  private static Object in(Object value, int type) throws SQLException {
    return JdbcValues.toEngine(value, type, "parameter 1");
  }

  static SQLException fails(String sqlState, Executable call) {
    SQLException e = assertThrows(SQLException.class, call);
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  private static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void nullStaysNull() throws SQLException {
    for (int type : new int[] {Types.INTEGER, Types.DATE, Types.VARCHAR, Types.OTHER}) {
      assertNull(in(null, type));
    }
  }

  @Test
  void integralTargets() throws SQLException {
    assertEquals((byte) 5, in(5, Types.TINYINT));
    assertEquals((short) -300, in("-300", Types.SMALLINT));
    assertEquals(42, in(" 42 ", Types.INTEGER));
    assertEquals(100, in(new BigDecimal("1E+2"), Types.INTEGER));
    assertEquals(3, in(3.7, Types.INTEGER));
    assertEquals(-3, in(-3.7f, Types.INTEGER));
    assertEquals(1, in(true, Types.INTEGER));
    assertEquals(7L, in('7', Types.BIGINT));
    assertEquals(Long.MAX_VALUE, in(BigInteger.valueOf(Long.MAX_VALUE), Types.BIGINT));
    assertEquals(
        "Value 300 out of range for TINYINT for parameter 1",
        fails("22003", () -> in(300, Types.TINYINT)).getMessage());
    fails("22003", () -> in(BigInteger.TWO.pow(64), Types.BIGINT));
    fails("22003", () -> in("1e999999999", Types.BIGINT));
    fails("22003", () -> in(Double.NaN, Types.INTEGER));
    assertEquals(
        "Cannot convert 'abc' to INTEGER for parameter 1",
        fails("22018", () -> in("abc", Types.INTEGER)).getMessage());
    fails("22018", () -> in(LocalDate.EPOCH, Types.INTEGER));
  }

  @Test
  void approximateAndDecimalTargets() throws SQLException {
    assertEquals(1.5f, in(1.5d, Types.REAL));
    assertEquals(2.0d, in(2, Types.DOUBLE));
    assertEquals(2.5d, in("2.5", Types.FLOAT)); // FLOAT is double precision in Calcite
    fails("22003", () -> in(1e300, Types.REAL));
    assertEquals(new BigDecimal("0.1"), in(0.1d, Types.DECIMAL));
    assertEquals(new BigDecimal("0.1"), in(0.1f, Types.DECIMAL));
    assertEquals(new BigDecimal("1.50"), in("1.50", Types.NUMERIC));
    assertEquals(new BigDecimal("12"), in(BigInteger.valueOf(12), Types.DECIMAL));
    fails("22003", () -> in(Double.POSITIVE_INFINITY, Types.DECIMAL));
    fails("22018", () -> in("1,5", Types.DECIMAL));
  }

  @Test
  void booleanTarget() throws SQLException {
    assertEquals(true, in("yes", Types.BOOLEAN));
    assertEquals(false, in(" FALSE ", Types.BOOLEAN));
    assertEquals(false, in(0, Types.BOOLEAN));
    assertEquals(true, in(new BigDecimal("0.5"), Types.BIT));
    assertEquals(true, in('T', Types.BOOLEAN));
    fails("22018", () -> in("maybe", Types.BOOLEAN));
  }

  @Test
  void characterTargets() throws SQLException {
    assertEquals("42", in(42, Types.VARCHAR));
    assertEquals("1000", in(new BigDecimal("1E+3"), Types.VARCHAR));
    assertEquals("TRUE", in(true, Types.CHAR));
    assertEquals("x", in('x', Types.VARCHAR));
    assertEquals("1969-12-31", in(LocalDate.of(1969, 12, 31), Types.VARCHAR));
    assertEquals("1960-01-02 03:04:05.5",
        in(Timestamp.valueOf("1960-01-02 03:04:05.5"), Types.VARCHAR));
    assertEquals("10:00:00", in(Time.valueOf("10:00:00"), Types.VARCHAR));
    assertEquals("0aff", in(new byte[] {10, -1}, Types.VARCHAR));
    assertEquals("from reader", in(new StringReader("from reader"), Types.CLOB));
    assertEquals("from clob", in(new MarbleClob("from clob"), Types.VARCHAR));
    assertEquals("", in(new MarbleClob(""), Types.VARCHAR));
    UUID uuid = UUID.randomUUID();
    assertEquals(uuid.toString(), in(uuid, Types.VARCHAR));
    assertEquals(
        "Cannot convert java.util.HashMap to VARCHAR for parameter 1",
        fails("22018", () -> in(new HashMap<>(), Types.VARCHAR)).getMessage());
  }

  @Test
  void binaryTargets() throws Exception {
    byte[] bytes = {1, 2, 3};
    assertEquals(new ByteString(bytes), in(bytes, Types.VARBINARY));
    ByteString byteString = new ByteString(bytes);
    assertSame(byteString, in(byteString, Types.BINARY));
    assertEquals(byteString, in(new ByteArrayInputStream(bytes), Types.BLOB));
    assertEquals(byteString, in(new SerialBlob(bytes), Types.VARBINARY));
    assertEquals(new ByteString(new byte[0]), in(new SerialBlob(new byte[0]), Types.VARBINARY));
    assertEquals(new ByteString("é".getBytes(StandardCharsets.UTF_8)), in("é", Types.VARBINARY));
    fails("22018", () -> in(42, Types.VARBINARY));
  }

  @Test
  void dateTarget() throws SQLException {
    assertEquals(-1, in(LocalDate.of(1969, 12, 31), Types.DATE));
    assertEquals((int) LocalDate.of(1900, 1, 1).toEpochDay(),
        in(java.sql.Date.valueOf("1900-01-01"), Types.DATE));
    assertEquals((int) LocalDate.of(2024, 3, 10).toEpochDay(), in("2024-03-10", Types.DATE));
    assertEquals((int) LocalDate.of(2024, 3, 10).toEpochDay(),
        in(LocalDateTime.of(2024, 3, 10, 23, 59), Types.DATE));
    assertEquals((int) LocalDate.of(2024, 3, 10).toEpochDay(),
        in(Timestamp.valueOf("2024-03-10 00:00:00"), Types.DATE));
    // zoned values are taken at UTC
    assertEquals((int) LocalDate.of(2024, 3, 11).toEpochDay(),
        in(OffsetDateTime.of(2024, 3, 10, 22, 0, 0, 0, ZoneOffset.ofHours(-5)), Types.DATE));
    assertEquals(
        "Cannot convert java.util.HashMap to DATE for parameter 2",
        fails("22018", () -> JdbcValues.toEngine(new HashMap<>(), Types.DATE, "parameter 2"))
            .getMessage());
    fails("22018", () -> in(5, Types.DATE));
    fails("22018", () -> in(LocalTime.NOON, Types.DATE));
    fails("22018", () -> in("2024-13-01", Types.DATE));
    fails("22003", () -> in(LocalDate.MAX, Types.DATE));
  }

  @Test
  void timeTarget() throws SQLException {
    int expected = (int) (LocalTime.of(10, 15, 30, 123_000_000).toNanoOfDay() / 1_000_000);
    assertEquals(expected, in(LocalTime.of(10, 15, 30, 123_456_789), Types.TIME));
    Time time = Time.valueOf("10:15:30");
    time.setTime(time.getTime() + 123);
    assertEquals(expected, in(time, Types.TIME));
    assertEquals(expected, in("10:15:30.123", Types.TIME));
    assertEquals(expected, in(LocalDateTime.of(1950, 1, 1, 10, 15, 30, 123_000_000), Types.TIME));
    fails("22018", () -> in(LocalDate.EPOCH, Types.TIME));
    fails("22018", () -> in("25:00", Types.TIME));
  }

  @Test
  void timestampTarget() throws SQLException {
    LocalDateTime before1970 = LocalDateTime.of(1960, 6, 15, 12, 34, 56, 789_000_000);
    assertEquals(millis(before1970), in(before1970, Types.TIMESTAMP));
    assertEquals(millis(before1970), in(Timestamp.valueOf(before1970), Types.TIMESTAMP));
    assertEquals(millis(before1970), in("1960-06-15 12:34:56.789", Types.TIMESTAMP));
    assertEquals(millis(before1970), in("1960-06-15T12:34:56.789", Types.TIMESTAMP));
    assertEquals(-1L, in(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), Types.TIMESTAMP));
    // DST gap (02:30 does not exist in New York on 2024-03-10) and overlap: exact as local values
    LocalDateTime gap = LocalDateTime.of(2024, 3, 10, 2, 30);
    assertEquals(millis(gap), in(gap, Types.TIMESTAMP));
    assertEquals(millis(gap), in("2024-03-10 02:30:00", Types.TIMESTAMP));
    LocalDateTime overlap = LocalDateTime.of(2024, 11, 3, 1, 30);
    assertEquals(millis(overlap), in(Timestamp.valueOf(overlap), Types.TIMESTAMP));
    // instants and zoned values are stored as UTC local date-times
    Instant instant = Instant.parse("2024-03-10T07:30:00Z");
    assertEquals(instant.toEpochMilli(), in(instant, Types.TIMESTAMP));
    assertEquals(instant.toEpochMilli(),
        in(instant.atZone(ZoneId.of("America/New_York")), Types.TIMESTAMP));
    assertEquals(instant.toEpochMilli(), in("2024-03-10T09:30:00+02:00", Types.TIMESTAMP));
    // a plain java.util.Date is an instant seen in the default zone
    assertEquals(millis(LocalDateTime.of(2024, 3, 10, 3, 30)),
        in(java.util.Date.from(instant), Types.TIMESTAMP));
    assertEquals(millis(LocalDate.of(2000, 1, 1).atStartOfDay()),
        in(LocalDate.of(2000, 1, 1), Types.TIMESTAMP));
    fails("22018", () -> in(1234L, Types.TIMESTAMP));
    fails("22003", () -> in(LocalDateTime.MAX, Types.TIMESTAMP));
  }

  @Test
  void calendarHelper() throws SQLException {
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    Timestamp instant = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
    LocalDateTime local = JdbcValues.localDateTime(instant, tokyo);
    assertEquals(LocalDateTime.of(2024, 1, 1, 9, 0), local);
    assertEquals(millis(local), in(local, Types.TIMESTAMP));
    assertEquals(LocalDateTime.of(2023, 12, 31, 19, 0), JdbcValues.localDateTime(instant, null));
  }

  @Test
  void uuidTarget() throws SQLException {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertSame(uuid, JdbcValues.toEngine(uuid, Types.OTHER, "UUID", "parameter 1"));
    assertEquals(uuid, JdbcValues.toEngine(uuid.toString(), Types.OTHER, "UUID", "parameter 1"));
    byte[] bytes = JdbcValues.toBytes(uuid, null, "");
    assertEquals(uuid, JdbcValues.toEngine(bytes, Types.BINARY, "uuid", "parameter 1"));
    fails("22018", () -> JdbcValues.toEngine("not-a-uuid", Types.OTHER, "UUID", "parameter 1"));
    fails("22018", () -> JdbcValues.toEngine(new byte[3], Types.OTHER, "UUID", "parameter 1"));
  }

  @Test
  void otherPassesThrough() throws SQLException {
    List<Integer> list = List.of(1, 2);
    assertSame(list, in(list, Types.ARRAY));
    assertSame(list, in(list, Types.OTHER));
    assertEquals(new ByteString(new byte[] {1}), in(new byte[] {1}, Types.JAVA_OBJECT));
  }

  @Test
  void typeNames() {
    assertEquals(Types.VARCHAR, JdbcValues.jdbcType("varchar(20)"));
    assertEquals(Types.VARCHAR, JdbcValues.jdbcType("CHARACTER VARYING"));
    assertEquals(Types.INTEGER, JdbcValues.jdbcType("INT"));
    assertEquals(Types.DOUBLE, JdbcValues.jdbcType("DOUBLE PRECISION"));
    assertEquals(Types.DECIMAL, JdbcValues.jdbcType("DECIMAL(10, 2)"));
    assertEquals(Types.TIMESTAMP, JdbcValues.jdbcType("TIMESTAMP(3)"));
    assertEquals(Types.OTHER, JdbcValues.jdbcType("UUID"));
    assertEquals(Types.OTHER, JdbcValues.jdbcType("GEOMETRY"));
    assertEquals(Types.OTHER, JdbcValues.jdbcType(null));
    assertEquals("0001ff", JdbcValues.hex(new byte[] {0, 1, -1}));
  }

  @Test
  void fromEngine() throws SQLException {
    ResultColumn date = ResultColumn.of("D", Types.DATE, "DATE", 10, 0,
        ResultSetMetaData.columnNullable);
    assertEquals(java.sql.Date.valueOf("1969-12-31"), JdbcValues.fromEngine(-1, date));
    assertNull(JdbcValues.fromEngine(null, date));
    ResultColumn tiny = ResultColumn.of("T", Types.TINYINT, "TINYINT", 3, 0,
        ResultSetMetaData.columnNoNulls);
    assertEquals(7, JdbcValues.fromEngine((byte) 7, tiny));
  }

  @Test
  void columnDescriptions() {
    assertEquals(10, ResultColumn.displaySize(Types.DATE, "DATE", 0, 0));
    assertEquals(23, ResultColumn.displaySize(Types.TIMESTAMP, "TIMESTAMP", 23, 3));
    assertEquals(12, ResultColumn.displaySize(Types.DECIMAL, "DECIMAL", 10, 2));
    assertEquals(36, ResultColumn.displaySize(Types.OTHER, "UUID", 0, 0));
    assertEquals(20, ResultColumn.displaySize(Types.VARBINARY, "VARBINARY", 10, 0));
    assertEquals(Integer.MAX_VALUE, ResultColumn.displaySize(Types.VARCHAR, "VARCHAR", 0, 0));
    assertEquals("java.lang.Integer", ResultColumn.columnClassName(Types.TINYINT, "TINYINT"));
    assertEquals("java.lang.Integer", ResultColumn.columnClassName(Types.SMALLINT, "SMALLINT"));
    assertEquals("java.lang.Double", ResultColumn.columnClassName(Types.FLOAT, "FLOAT"));
    assertEquals("[B", ResultColumn.columnClassName(Types.BLOB, "BLOB"));
    assertEquals("java.lang.String", ResultColumn.columnClassName(Types.CLOB, "CLOB"));
    assertEquals("java.util.UUID", ResultColumn.columnClassName(Types.OTHER, "UUID"));
    assertEquals("java.sql.Timestamp", ResultColumn.columnClassName(Types.TIMESTAMP, null));
    assertEquals("java.util.List", ResultColumn.columnClassName(Types.ARRAY, "INTEGER ARRAY"));
    assertEquals("java.util.Map", ResultColumn.columnClassName(Types.OTHER, "MAP"));
    ResultColumn unnamed = new ResultColumn(null, "N", null, null, Types.INTEGER, null, 10, 0,
        ResultSetMetaData.columnNullableUnknown, false, true);
    assertEquals("N", unnamed.label());
    assertEquals("", unnamed.schema());
    assertEquals("INTEGER", unnamed.typeName());
  }
}
