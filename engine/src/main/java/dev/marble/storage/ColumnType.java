package dev.marble.storage;

/**
 * The storage types of Marble columns and the one Java class each value has inside the engine.
 *
 * <p>The value classes match Apache Calcite's internal representation (so the SQL layer hands values
 * to the storage layer without conversion), except binary data, which storage keeps as {@code
 * byte[]}. Date and time values carry no time zone: a TIMESTAMP is the local date-time encoded as if
 * it were UTC.
 *
 * <p>Fixed-width types report their width in bytes; variable-width ones report {@code -1}. The
 * order of the constants is persisted nowhere (the catalog stores names), so it may change.
 */
public enum ColumnType {
  BOOLEAN(Boolean.class, 1),
  TINYINT(Byte.class, 1),
  SMALLINT(Short.class, 2),
  INTEGER(Integer.class, 4),
  BIGINT(Long.class, 8),
  REAL(Float.class, 4),
  DOUBLE(Double.class, 8),
  /** Arbitrary precision; {@code precision} and {@code scale} come from the column. */
  DECIMAL(java.math.BigDecimal.class, -1),
  /** Fixed length {@code precision}, blank-padded. */
  CHAR(String.class, -1),
  VARCHAR(String.class, -1),
  CLOB(String.class, -1),
  BINARY(byte[].class, -1),
  VARBINARY(byte[].class, -1),
  BLOB(byte[].class, -1),
  /** Days since 1970-01-01. */
  DATE(Integer.class, 4),
  /** Milliseconds since midnight. */
  TIME(Integer.class, 4),
  /** Milliseconds since 1970-01-01T00:00 of the local date-time. */
  TIMESTAMP(Long.class, 8),
  UUID(java.util.UUID.class, 16);

  private final Class<?> valueClass;
  private final int fixedWidth;

  ColumnType(Class<?> valueClass, int fixedWidth) {
    this.valueClass = valueClass;
    this.fixedWidth = fixedWidth;
  }

  /** The class every non-null value of this type has inside the engine. */
  public Class<?> valueClass() {
    return valueClass;
  }

  /** Width in bytes of an encoded value, or {@code -1} when values vary in length. */
  public int fixedWidth() {
    return fixedWidth;
  }

  public boolean isFixedWidth() {
    return fixedWidth > 0;
  }

  public boolean isBinary() {
    return valueClass == byte[].class;
  }

  /**
   * Decimal digits every value of a fixed-size numeric type fits in (DOUBLE and REAL: the digits
   * they keep exactly), as INFORMATION_SCHEMA and DatabaseMetaData report them; 0 for other types,
   * whose precision comes from the column.
   */
  public int fixedPrecision() {
    return switch (this) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case DOUBLE -> 15;
      default -> 0;
    };
  }
}
