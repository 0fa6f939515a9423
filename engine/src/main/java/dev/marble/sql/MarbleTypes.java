package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.catalog.ColumnDef;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Mapping between Marble's storage types and Calcite's SQL types, and their value classes. */
public final class MarbleTypes {
  /** TIMESTAMP precision Marble keeps: milliseconds, Calcite's internal representation. */
  public static final int TIMESTAMP_PRECISION = 3;

  private MarbleTypes() {}

  /**
   * The type of a table column as queries see it. VARCHAR(n) and VARBINARY(n) columns appear
   * unbounded, and DECIMAL(p,s) as DECIMAL(38,s): Calcite would otherwise cast values that do not
   * fit silently (strings) or fail without naming the column (numbers). {@link TableWriter}
   * enforces the declared length and precision with errors that name the column (22001, 22003).
   */
  public static RelDataType toRelType(RelDataTypeFactory f, ColumnDef c) {
    int precision = switch (c.type()) {
      case VARCHAR, VARBINARY -> -1;
      case DECIMAL -> MarbleTypeSystem.MAX_DECIMAL;
      default -> c.precision();
    };
    return f.createTypeWithNullability(toRelType(f, c.type(), precision, c.scale()), c.nullable());
  }

  public static RelDataType toRelType(RelDataTypeFactory f, ColumnType type, int precision, int scale) {
    return switch (type) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case TINYINT -> f.createSqlType(SqlTypeName.TINYINT);
      case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case REAL -> f.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, precision, scale);
      case CHAR -> f.createSqlType(SqlTypeName.CHAR, Math.max(precision, 1));
      case VARCHAR -> precision > 0
          ? f.createSqlType(SqlTypeName.VARCHAR, precision) : f.createSqlType(SqlTypeName.VARCHAR);
      case CLOB -> f.createSqlType(SqlTypeName.VARCHAR);
      case BINARY -> f.createSqlType(SqlTypeName.BINARY, Math.max(precision, 1));
      case VARBINARY -> precision > 0
          ? f.createSqlType(SqlTypeName.VARBINARY, precision) : f.createSqlType(SqlTypeName.VARBINARY);
      case BLOB -> f.createSqlType(SqlTypeName.VARBINARY);
      case DATE -> f.createSqlType(SqlTypeName.DATE);
      case TIME -> f.createSqlType(SqlTypeName.TIME, 0);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION);
      case UUID -> f.createSqlType(SqlTypeName.UUID);
    };
  }

  /** The storage type that holds values of a SQL type, or null when no column can. */
  public static ColumnType storageType(org.apache.calcite.sql.type.SqlTypeName type) {
    return switch (type) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case TINYINT -> ColumnType.TINYINT;
      case SMALLINT -> ColumnType.SMALLINT;
      case INTEGER -> ColumnType.INTEGER;
      case BIGINT -> ColumnType.BIGINT;
      case REAL -> ColumnType.REAL;
      case FLOAT, DOUBLE -> ColumnType.DOUBLE;
      case DECIMAL -> ColumnType.DECIMAL;
      case CHAR -> ColumnType.CHAR;
      case VARCHAR -> ColumnType.VARCHAR;
      case BINARY -> ColumnType.BINARY;
      case VARBINARY -> ColumnType.VARBINARY;
      case DATE -> ColumnType.DATE;
      case TIME -> ColumnType.TIME;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      case UUID -> ColumnType.UUID;
      default -> null;
    };
  }

  /** Engine value (storage class) to Calcite's runtime class. */
  public static Object toCalcite(Object value) {
    return value instanceof byte[] b ? new ByteString(b) : value;
  }

  /** Calcite's runtime value to the storage class of {@code type}; numbers are narrowed exactly. */
  public static Object toStorage(Object value, ColumnType type) {
    if (value == null) {
      return null;
    }
    if (value instanceof ByteString b) {
      return b.getBytes();
    }
    if (value instanceof Number n && !type.valueClass().isInstance(value)) {
      return switch (type) {
        case TINYINT -> n.byteValue();
        case SMALLINT -> n.shortValue();
        case INTEGER, DATE, TIME -> n.intValue();
        case BIGINT, TIMESTAMP -> n.longValue();
        case REAL -> n.floatValue();
        case DOUBLE -> n.doubleValue();
        case DECIMAL -> new java.math.BigDecimal(n.toString());
        default -> value;
      };
    }
    return value;
  }
}
