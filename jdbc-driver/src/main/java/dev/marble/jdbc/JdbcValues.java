package dev.marble.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.rowset.serial.SerialBlob;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Conversions between the engine's value representation (Calcite's internal one) and JDBC values.
 *
 * <p>Engine values by SQL type: BOOLEAN {@code Boolean}; TINYINT {@code Byte}; SMALLINT {@code
 * Short}; INTEGER {@code Integer}; BIGINT {@code Long}; REAL {@code Float}; FLOAT and DOUBLE {@code
 * Double}; DECIMAL {@code BigDecimal}; CHAR/VARCHAR/CLOB {@code String}; BINARY/VARBINARY/BLOB
 * {@link ByteString} (or {@code byte[]}); DATE {@code Integer} days since 1970-01-01; TIME {@code
 * Integer} milliseconds of the day; TIMESTAMP {@code Long} milliseconds since 1970-01-01T00:00 of the
 * local date-time (zone-less, computed with UTC arithmetic); UUID {@link UUID}. Reading is lenient:
 * any {@code Number} is accepted for any numeric column.
 *
 * <p>Text forms: DATE {@code yyyy-MM-dd}, TIME {@code HH:mm:ss[.f]}, TIMESTAMP {@code yyyy-MM-dd
 * HH:mm:ss[.f]} (fraction only when non-zero), BOOLEAN {@code TRUE}/{@code FALSE}, DECIMAL {@link
 * BigDecimal#toPlainString}, binary lower-case hex. Text to binary is UTF-8. Numbers are narrowed by
 * truncation toward zero (like SQL {@code CAST}); values outside the target range fail with
 * SQLState 22003, unparsable text and incompatible classes with 22018. OffsetDateTime,
 * ZonedDateTime and Instant are stored as their UTC local date-time (and read back with offset UTC).
 */
public final class JdbcValues {
  private JdbcValues() {}

  /** How the engine values of a column or parameter are interpreted. */
  enum Kind {
    BOOLEAN("BOOLEAN"), TINYINT("TINYINT"), SMALLINT("SMALLINT"), INTEGER("INTEGER"),
    BIGINT("BIGINT"), REAL("REAL"), DOUBLE("DOUBLE"), DECIMAL("DECIMAL"), STRING("VARCHAR"),
    BINARY("VARBINARY"), DATE("DATE"), TIME("TIME"), TIMESTAMP("TIMESTAMP"), UUID("UUID"),
    OTHER("OTHER");

    final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }

    boolean isTemporal() {
      return this == DATE || this == TIME || this == TIMESTAMP;
    }

    static Kind of(ResultColumn column) {
      return of(column.jdbcType(), column.typeName());
    }

    static Kind of(int jdbcType, String typeName) {
      if ("UUID".equalsIgnoreCase(typeName)) {
        return UUID;
      }
      switch (jdbcType) {
        case Types.BIT: case Types.BOOLEAN: return BOOLEAN;
        case Types.TINYINT: return TINYINT;
        case Types.SMALLINT: return SMALLINT;
        case Types.INTEGER: return INTEGER;
        case Types.BIGINT: return BIGINT;
        case Types.REAL: return REAL;
        case Types.FLOAT: case Types.DOUBLE: return DOUBLE;
        case Types.DECIMAL: case Types.NUMERIC: return DECIMAL;
        case Types.CHAR: case Types.VARCHAR: case Types.LONGVARCHAR: case Types.CLOB:
        case Types.NCHAR: case Types.NVARCHAR: case Types.LONGNVARCHAR: case Types.NCLOB:
          return STRING;
        case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
          return BINARY;
        case Types.DATE: return DATE;
        case Types.TIME: case Types.TIME_WITH_TIMEZONE: return TIME;
        case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE: return TIMESTAMP;
        default: return OTHER;
      }
    }
  }

  // ======================================================================= into the engine

  /**
   * Converts a PreparedStatement parameter to the engine representation of {@code targetJdbcType}
   * (see the class comment). Types.OTHER values pass through unchanged (byte[] becomes ByteString).
   *
   * @param parameterDescription used in error messages, e.g. {@code "parameter 2"}
   * @throws SQLException 22003 when out of range, 22018 when unparsable or of an incompatible class
   */
  public static Object toEngine(Object jdbcValue, int targetJdbcType, String parameterDescription)
      throws SQLException {
    return toEngine(jdbcValue, targetJdbcType, null, parameterDescription);
  }

  /**
   * Like {@link #toEngine(Object, int, String)}; {@code typeName} (may be null) distinguishes types
   * that share a {@link Types} code, e.g. {@code "UUID"} (Types.OTHER).
   */
  public static Object toEngine(
      Object jdbcValue, int targetJdbcType, String typeName, String parameterDescription)
      throws SQLException {
    if (jdbcValue == null) {
      return null;
    }
    Kind target = Kind.of(targetJdbcType, typeName);
    if (target == Kind.OTHER) {
      return jdbcValue instanceof byte[] ? new ByteString((byte[]) jdbcValue) : jdbcValue;
    }
    String where = " for " + parameterDescription;
    Object value = materialize(jdbcValue, where);
    String targetName = typeName != null ? typeName : ResultColumn.typeName(targetJdbcType);
    return toEngine(value, target, targetName, where);
  }

  private static Object toEngine(Object v, Kind target, String targetName, String where)
      throws SQLException {
    switch (target) {
      case BOOLEAN: return toBoolean(v, null, where);
      case TINYINT: return (byte) toLong(v, null, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT", where);
      case SMALLINT: return (short) toLong(v, null, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT", where);
      case INTEGER: return (int) toLong(v, null, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER", where);
      case BIGINT: return toLong(v, null, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT", where);
      case REAL: return toFloat(v, null, where);
      case DOUBLE: return toDouble(v, null, where);
      case DECIMAL: return decimal(v, null, "DECIMAL", where);
      case STRING: return textForEngine(v, targetName, where);
      case BINARY: return v instanceof ByteString ? v : new ByteString(toBytes(v, null, where));
      case DATE: return engineDate(toLocalDate(v, null, where), v, where);
      case TIME: return JdbcTemporals.millisOfDay(toLocalTime(v, null, where));
      case TIMESTAMP: return engineTimestamp(toLocalDateTime(v, null, where), v, where);
      case UUID: return toUuid(v, null, where);
      default: return v;
    }
  }

  private static String textForEngine(Object v, String targetName, String where)
      throws SQLException {
    String text = formatKnown(v);
    if (text == null) {
      throw cannotConvert(v, null, targetName, where);
    }
    return text;
  }

  private static int engineDate(LocalDate date, Object v, String where) throws SQLException {
    try {
      return JdbcTemporals.days(date);
    } catch (ArithmeticException e) {
      throw outOfRange(v, "DATE", where);
    }
  }

  private static long engineTimestamp(LocalDateTime dateTime, Object v, String where)
      throws SQLException {
    try {
      return JdbcTemporals.millis(dateTime);
    } catch (ArithmeticException e) {
      throw outOfRange(v, "TIMESTAMP", where);
    }
  }

  /** Reads LOBs and streams into String/byte[]; Character becomes String. */
  private static Object materialize(Object v, String where) throws SQLException {
    try {
      if (v instanceof Character) {
        return v.toString();
      } else if (v instanceof Clob) {
        Clob clob = (Clob) v;
        int length = lobLength(clob.length(), where);
        return length == 0 ? "" : clob.getSubString(1, length);
      } else if (v instanceof Blob) {
        Blob blob = (Blob) v;
        int length = lobLength(blob.length(), where);
        return length == 0 ? new byte[0] : blob.getBytes(1, length);
      } else if (v instanceof Reader) {
        StringWriter text = new StringWriter();
        ((Reader) v).transferTo(text);
        return text.toString();
      } else if (v instanceof InputStream) {
        return ((InputStream) v).readAllBytes();
      }
      return v;
    } catch (IOException e) {
      throw new SQLException("Cannot read the stream" + where + ": " + e.getMessage(), "HY000", e);
    }
  }

  private static int lobLength(long length, String where) throws SQLException {
    if (length > Integer.MAX_VALUE) {
      throw new SQLException("LOB of " + length + " bytes is too large" + where, "22001");
    }
    return (int) length;
  }

  /**
   * The local date-time a {@code java.util.Date} stands for in the calendar's time zone (the JVM
   * default zone when {@code calendar} is null; then java.sql.Date/Time/Timestamp give what their
   * {@code toLocalDate/toLocalTime/toLocalDateTime} give). For {@code setDate(i, d, cal)} and
   * friends: pass the result to {@link #toEngine}.
   */
  public static LocalDateTime localDateTime(java.util.Date value, Calendar calendar) {
    return JdbcTemporals.local(value, calendar);
  }

  // ======================================================================= out of the engine

  /**
   * The value {@code ResultSet.getObject} returns for an engine value of the column (see {@link
   * ResultColumn#columnClassName} for the classes).
   */
  public static Object fromEngine(Object engineValue, ResultColumn column) throws SQLException {
    return engineValue == null ? null
        : toJdbcObject(engineValue, Kind.of(column), inColumn(column.label()));
  }

  static String inColumn(String label) {
    return " in column " + label;
  }

  static Object toJdbcObject(Object v, Kind k, String where) throws SQLException {
    switch (k) {
      case BOOLEAN: return toBoolean(v, k, where);
      case TINYINT: case SMALLINT: case INTEGER:
        return v instanceof Integer ? v
            : (int) toLong(v, k, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER", where);
      case BIGINT: return toLong(v, k, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT", where);
      case REAL: return toFloat(v, k, where);
      case DOUBLE: return toDouble(v, k, where);
      case DECIMAL: return decimal(v, k, "DECIMAL", where);
      case STRING: return toJdbcString(v, k);
      case BINARY: return toBytes(v, k, where);
      case DATE: return JdbcTemporals.sqlDate(toLocalDate(v, k, where), null);
      case TIME: return JdbcTemporals.sqlTime(toLocalTime(v, k, where), null);
      case TIMESTAMP: return JdbcTemporals.sqlTimestamp(toLocalDateTime(v, k, where), null);
      case UUID: return toUuid(v, k, where);
      default: return v instanceof ByteString ? ((ByteString) v).getBytes() : v;
    }
  }

  /**
   * The text form of an engine value of a column or parameter of {@code jdbcType}: what {@code
   * getString} gives, and what {@link #toEngine} reads back into the same value.
   */
  public static String toText(Object engineValue, int jdbcType, String typeName) throws SQLException {
    return engineValue == null ? null : toJdbcString(engineValue, Kind.of(jdbcType, typeName));
  }

  /** {@code getString}: see the class comment for the text forms. */
  static String toJdbcString(Object v, Kind k) throws SQLException {
    if (v instanceof Number) {
      switch (k) {
        case DATE: return JdbcTemporals.format(JdbcTemporals.date(((Number) v).longValue()));
        case TIME: return JdbcTemporals.format(JdbcTemporals.time(((Number) v).longValue()));
        case TIMESTAMP: return JdbcTemporals.format(JdbcTemporals.timestamp(((Number) v).longValue()));
        case REAL: return Float.toString(((Number) v).floatValue());
        case DOUBLE: return Double.toString(((Number) v).doubleValue());
        case DECIMAL: return decimal(v, k, "DECIMAL", "").toPlainString();
        default: break;
      }
    }
    String text = formatKnown(v);
    return text != null ? text : String.valueOf(v);
  }

  /** Text of values of the classes JDBC knows, or null. */
  private static String formatKnown(Object v) {
    if (v instanceof String) {
      return (String) v;
    } else if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    } else if (v instanceof Number || v instanceof UUID || v instanceof Character) {
      return v.toString();
    } else if (v instanceof Boolean) {
      return (Boolean) v ? "TRUE" : "FALSE";
    } else if (v instanceof byte[]) {
      return hex((byte[]) v);
    } else if (v instanceof ByteString) {
      return hex(((ByteString) v).getBytes());
    }
    return formatTemporal(v);
  }

  private static String formatTemporal(Object v) {
    if (v instanceof java.sql.Date || v instanceof LocalDate) {
      return JdbcTemporals.format(localOf(v).toLocalDate());
    } else if (v instanceof Time || v instanceof LocalTime) {
      return JdbcTemporals.format(localOf(v).toLocalTime());
    } else if (v instanceof java.util.Date || v instanceof LocalDateTime) {
      return JdbcTemporals.format(localOf(v));
    } else if (v instanceof OffsetDateTime || v instanceof ZonedDateTime
        || v instanceof Instant || v instanceof OffsetTime) {
      return v.toString();
    }
    return null;
  }

  // ======================================================================= shared conversions

  private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "on", "1");
  private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "off", "0");

  /** Boolean: numbers are true when non-zero; text true/false/t/f/yes/no/y/n/on/off/numbers. */
  static boolean toBoolean(Object v, Kind k, String where) throws SQLException {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String) {
      String word = ((String) v).trim().toLowerCase(Locale.ROOT);
      if (TRUE_WORDS.contains(word) || FALSE_WORDS.contains(word)) {
        return TRUE_WORDS.contains(word);
      }
    }
    return decimal(v, k, "BOOLEAN", where).signum() != 0;
  }

  /**
   * An integral value in {@code [min, max]}; fractions are truncated toward zero.
   *
   * @param target SQL name of the target type, for messages
   */
  static long toLong(Object v, Kind k, long min, long max, String target, String where)
      throws SQLException {
    if ((v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
        && !isTemporal(k)) {
      long value = ((Number) v).longValue();
      if (value < min || value > max) {
        throw outOfRange(v, target, where);
      }
      return value;
    }
    BigDecimal value = decimal(v, k, target, where);
    if (value.precision() - value.scale() > 19) {
      throw outOfRange(v, target, where);
    }
    BigDecimal integral = value.setScale(0, RoundingMode.DOWN);
    if (integral.compareTo(BigDecimal.valueOf(min)) < 0
        || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(v, target, where);
    }
    return integral.longValueExact();
  }

  static double toDouble(Object v, Kind k, String where) throws SQLException {
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(v, k, "DOUBLE", where);
      }
    }
    double value = decimal(v, k, "DOUBLE", where).doubleValue();
    if (Double.isInfinite(value)) {
      throw outOfRange(v, "DOUBLE", where);
    }
    return value;
  }

  static float toFloat(Object v, Kind k, String where) throws SQLException {
    if (v instanceof Float) {
      return (Float) v;
    }
    double value = toDouble(v, k, where);
    if (!Double.isInfinite(value) && Math.abs(value) > Float.MAX_VALUE) {
      throw outOfRange(v, "REAL", where);
    }
    return (float) value;
  }

  static BigDecimal toBigDecimal(Object v, Kind k, String where) throws SQLException {
    return decimal(v, k, "DECIMAL", where);
  }

  static BigInteger toBigInteger(Object v, Kind k, String where) throws SQLException {
    BigDecimal value = decimal(v, k, "BIGINT", where);
    if (value.precision() - value.scale() > 1000) {
      throw outOfRange(v, "BIGINT", where);
    }
    return value.toBigInteger();
  }

  private static BigDecimal decimal(Object v, Kind k, String target, String where)
      throws SQLException {
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    } else if (v instanceof Boolean) {
      return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (v instanceof String) {
      try {
        return new BigDecimal(((String) v).trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(v, k, target, where);
      }
    } else if (!(v instanceof Number) || isTemporal(k)) {
      throw cannotConvert(v, k, target, where);
    }
    return decimal((Number) v, target, where);
  }

  private static BigDecimal decimal(Number n, String target, String where) throws SQLException {
    if (n instanceof BigInteger) {
      return new BigDecimal((BigInteger) n);
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw outOfRange(n, target, where);
      }
      return n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(d);
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** Bytes: binary values, text as UTF-8, UUID as 16 big-endian bytes. */
  static byte[] toBytes(Object v, Kind k, String where) throws SQLException {
    if (v instanceof ByteString) {
      return ((ByteString) v).getBytes();
    } else if (v instanceof byte[]) {
      return ((byte[]) v).clone();
    } else if (v instanceof String) {
      return ((String) v).getBytes(StandardCharsets.UTF_8);
    } else if (v instanceof UUID) {
      UUID uuid = (UUID) v;
      return ByteBuffer.allocate(16)
          .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
    throw cannotConvert(v, k, "VARBINARY", where);
  }

  /** UUID from a UUID, its 36-character text, or 16 bytes. */
  static UUID toUuid(Object v, Kind k, String where) throws SQLException {
    if (v instanceof UUID) {
      return (UUID) v;
    }
    if (v instanceof String && ((String) v).trim().length() == 36) {
      try {
        return UUID.fromString(((String) v).trim());
      } catch (IllegalArgumentException e) {
        throw cannotConvert(v, k, "UUID", where);
      }
    }
    byte[] bytes = v instanceof byte[] || v instanceof ByteString ? toBytes(v, k, where) : null;
    if (bytes == null || bytes.length != 16) {
      throw cannotConvert(v, k, "UUID", where);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  static LocalDate toLocalDate(Object v, Kind k, String where) throws SQLException {
    if (k == Kind.TIME || v instanceof LocalTime || v instanceof Time || v instanceof OffsetTime) {
      throw cannotConvert(v, k, "DATE", where);
    }
    return temporal(v, k, "DATE", where).toLocalDate();
  }

  static LocalTime toLocalTime(Object v, Kind k, String where) throws SQLException {
    if (k == Kind.DATE || v instanceof LocalDate || v instanceof java.sql.Date) {
      throw cannotConvert(v, k, "TIME", where);
    }
    return temporal(v, k, "TIME", where).toLocalTime();
  }

  /** A date-time; DATE values are at midnight, TIME values on 1970-01-01. */
  static LocalDateTime toLocalDateTime(Object v, Kind k, String where) throws SQLException {
    return temporal(v, k, "TIMESTAMP", where);
  }

  private static LocalDateTime temporal(Object v, Kind k, String target, String where)
      throws SQLException {
    if (v instanceof Number && isTemporal(k)) {
      long n = ((Number) v).longValue();
      try {
        return k == Kind.DATE ? JdbcTemporals.date(n).atStartOfDay()
            : k == Kind.TIME ? LocalDate.EPOCH.atTime(JdbcTemporals.time(n))
            : JdbcTemporals.timestamp(n);
      } catch (DateTimeException e) {
        throw outOfRange(v, k.sqlName, where);
      }
    }
    LocalDateTime local = v instanceof String ? parse((String) v, target) : localOf(v);
    if (local == null) {
      throw cannotConvert(v, k, target, where);
    }
    return local;
  }

  private static LocalDateTime parse(String text, String target) {
    try {
      switch (target) {
        case "DATE": return JdbcTemporals.parseDate(text).atStartOfDay();
        case "TIME": return LocalDate.EPOCH.atTime(JdbcTemporals.parseTime(text));
        default: return JdbcTemporals.parseTimestamp(text);
      }
    } catch (DateTimeException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** java.time / java.util.Date values as a local date-time; zoned values at UTC; else null. */
  private static LocalDateTime localOf(Object v) {
    if (v instanceof LocalDateTime) {
      return (LocalDateTime) v;
    } else if (v instanceof LocalDate) {
      return ((LocalDate) v).atStartOfDay();
    } else if (v instanceof LocalTime) {
      return LocalDate.EPOCH.atTime((LocalTime) v);
    } else if (v instanceof java.util.Date) {
      return JdbcTemporals.local((java.util.Date) v, null);
    } else if (v instanceof OffsetDateTime) {
      return JdbcTemporals.utc((OffsetDateTime) v);
    } else if (v instanceof ZonedDateTime) {
      return JdbcTemporals.utc(((ZonedDateTime) v).toOffsetDateTime());
    } else if (v instanceof Instant) {
      return JdbcTemporals.utc((Instant) v);
    } else if (v instanceof OffsetTime) {
      OffsetTime utc = ((OffsetTime) v).withOffsetSameInstant(ZoneOffset.UTC);
      return LocalDate.EPOCH.atTime(utc.toLocalTime());
    }
    return null;
  }

  private static boolean isTemporal(Kind k) {
    return k != null && k.isTemporal();
  }

  // ======================================================================= getObject(i, Class)

  @FunctionalInterface
  private interface Converter {
    Object convert(Object v, Kind k, String where) throws SQLException;
  }

  private static final Map<Class<?>, Converter> CONVERTERS = converters();

  private static Map<Class<?>, Converter> converters() {
    Map<Class<?>, Converter> m = new HashMap<>();
    m.put(Object.class, JdbcValues::toJdbcObject);
    m.put(String.class, (v, k, w) -> toJdbcString(v, k));
    m.put(Boolean.class, JdbcValues::toBoolean);
    m.put(Byte.class, (v, k, w) -> (byte) toLong(v, k, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT", w));
    m.put(Short.class, (v, k, w) -> (short) toLong(v, k, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT", w));
    m.put(Integer.class, (v, k, w) -> (int) toLong(v, k, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER", w));
    m.put(Long.class, (v, k, w) -> toLong(v, k, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT", w));
    m.put(Float.class, JdbcValues::toFloat);
    m.put(Double.class, JdbcValues::toDouble);
    m.put(BigDecimal.class, JdbcValues::toBigDecimal);
    m.put(BigInteger.class, JdbcValues::toBigInteger);
    m.put(byte[].class, JdbcValues::toBytes);
    m.put(UUID.class, JdbcValues::toUuid);
    m.put(LocalDate.class, JdbcValues::toLocalDate);
    m.put(LocalTime.class, JdbcValues::toLocalTime);
    m.put(LocalDateTime.class, JdbcValues::toLocalDateTime);
    m.put(OffsetDateTime.class, (v, k, w) -> toLocalDateTime(v, k, w).atOffset(ZoneOffset.UTC));
    m.put(Instant.class, (v, k, w) -> toLocalDateTime(v, k, w).toInstant(ZoneOffset.UTC));
    m.put(java.sql.Date.class, (v, k, w) -> JdbcTemporals.sqlDate(toLocalDate(v, k, w), null));
    m.put(Time.class, (v, k, w) -> JdbcTemporals.sqlTime(toLocalTime(v, k, w), null));
    m.put(Timestamp.class, (v, k, w) -> JdbcTemporals.sqlTimestamp(toLocalDateTime(v, k, w), null));
    m.put(java.util.Date.class, m.get(Timestamp.class));
    m.put(Blob.class, (v, k, w) -> new SerialBlob(toBytes(v, k, w)));
    m.put(Clob.class, (v, k, w) -> new MarbleClob(toJdbcString(v, k)));
    m.put(NClob.class, m.get(Clob.class));
    m.put(InputStream.class, (v, k, w) -> new ByteArrayInputStream(toBytes(v, k, w)));
    m.put(Reader.class, (v, k, w) -> new StringReader(toJdbcString(v, k)));
    m.put(boolean.class, m.get(Boolean.class));
    m.put(byte.class, m.get(Byte.class));
    m.put(short.class, m.get(Short.class));
    m.put(int.class, m.get(Integer.class));
    m.put(long.class, m.get(Long.class));
    m.put(float.class, m.get(Float.class));
    m.put(double.class, m.get(Double.class));
    return Map.copyOf(m);
  }

  /**
   * {@code getObject(i, type)} of a value some other driver read from a column of {@code jdbcType}
   * (a remote connection's Avatica value): read back into the engine value, then converted as the
   * embedded driver converts the column's own values, so both give the same object and the same
   * errors.
   */
  public static <T> T convertRead(Object jdbcValue, int jdbcType, String typeName, Class<T> type, String label)
      throws SQLException {
    if (jdbcValue == null) {
      return null;
    }
    Kind k = Kind.of(jdbcType, typeName);
    String where = inColumn(label);
    Object engine = k == Kind.OTHER ? jdbcValue
        : toEngine(materialize(jdbcValue, where), k, typeName != null ? typeName : k.sqlName, where);
    return convert(engine, k, type, where);
  }

  /** {@code getObject(i, type)} of a non-null engine value. */
  @SuppressWarnings("unchecked")
  static <T> T convert(Object v, Kind k, Class<T> type, String where) throws SQLException {
    Converter converter = CONVERTERS.get(type);
    if (converter != null) {
      return (T) converter.convert(v, k, where);
    }
    Object standard = toJdbcObject(v, k, where);
    if (type.isInstance(standard)) {
      return type.cast(standard);
    } else if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw cannotConvert(v, k, type.getName(), where);
  }

  // ======================================================================= names and errors

  /**
   * The {@link Types} code of a SQL type name ({@code "VARCHAR"}, {@code "INT"}, {@code
   * "CHARACTER VARYING(20)"}, ...); {@code Types.OTHER} for UUID and unknown names.
   */
  public static int jdbcType(String typeName) {
    if (typeName == null) {
      return Types.OTHER;
    }
    String name = typeName.trim().toUpperCase(Locale.ROOT);
    int parenthesis = name.indexOf('(');
    name = (parenthesis >= 0 ? name.substring(0, parenthesis) : name).trim();
    switch (name) {
      case "INT": return Types.INTEGER;
      case "BOOL": return Types.BOOLEAN;
      case "DEC": return Types.DECIMAL;
      case "CHARACTER": return Types.CHAR;
      case "CHARACTER VARYING": case "STRING": return Types.VARCHAR;
      case "BINARY VARYING": case "BYTES": return Types.VARBINARY;
      case "DOUBLE PRECISION": return Types.DOUBLE;
      case "CHARACTER LARGE OBJECT": return Types.CLOB;
      case "BINARY LARGE OBJECT": return Types.BLOB;
      case "TIMESTAMP WITH LOCAL TIME ZONE": return Types.TIMESTAMP_WITH_TIMEZONE;
      default: break;
    }
    try {
      return JDBCType.valueOf(name.replace(' ', '_')).getVendorTypeNumber();
    } catch (IllegalArgumentException e) {
      return Types.OTHER;
    }
  }

  /** Lower-case hexadecimal digits of {@code bytes}. */
  public static String hex(byte[] bytes) {
    char[] digits = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      digits[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xF, 16);
      digits[2 * i + 1] = Character.forDigit(bytes[i] & 0xF, 16);
    }
    return new String(digits);
  }

  static SQLException outOfRange(Object v, String target, String where) {
    String text = v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : String.valueOf(v);
    return new SQLException(
        "Value " + abbreviate(text.trim()) + " out of range for " + target + where, "22003");
  }

  static SQLException cannotConvert(Object v, Kind k, String target, String where) {
    return new SQLException("Cannot convert " + source(v, k) + " to " + target + where, "22018");
  }

  private static String source(Object v, Kind k) {
    if (v instanceof String) {
      return "'" + abbreviate((String) v) + "'";
    }
    return k == null || k == Kind.OTHER ? v.getClass().getName() : k.sqlName;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
