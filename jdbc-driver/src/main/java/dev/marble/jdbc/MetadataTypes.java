package dev.marble.jdbc;

import dev.marble.sql.ResultField;
import dev.marble.storage.ColumnType;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How {@link MarbleDatabaseMetaData} describes Marble's column types: JDBC type code, type name
 * (the name DDL uses, without length), COLUMN_SIZE, DECIMAL_DIGITS, NUM_PREC_RADIX and
 * CHAR_OCTET_LENGTH, plus the rows of {@code getTypeInfo()}.
 *
 * <p>COLUMN_SIZE is the maximum decimal precision for numbers (TINYINT 3, SMALLINT 5, INTEGER 10,
 * BIGINT 19, REAL 7, DOUBLE 15, DECIMAL its precision), the length in characters of the text form
 * for temporal types (DATE 10, TIME 8, TIMESTAMP 23 since Marble keeps milliseconds) and UUID (36),
 * 1 for BOOLEAN, and the declared length for character and binary types ({@link
 * Integer#MAX_VALUE} when unbounded: VARCHAR and VARBINARY without a length, CLOB, BLOB).
 * Character values are stored as UTF-8, so CHAR_OCTET_LENGTH is four bytes per character.
 */
final class MetadataTypes {
  private MetadataTypes() {}

  /** Marble's largest DECIMAL precision (the engine's type system allows 38 digits). */
  static final int MAX_DECIMAL = 38;
  /** Fractional-second digits of TIMESTAMP (milliseconds); TIME keeps none. */
  static final int TIMESTAMP_DIGITS = 3;

  /** A column type as metadata reports it; null fields are "not applicable". */
  record Description(
      int jdbcType, String typeName, int columnSize, Integer decimalDigits, Integer radix, Integer octetLength) {}

  static Description describe(ColumnType type, int precision, int scale) {
    return new Description(jdbcType(type), type.name(), columnSize(type, precision), decimalDigits(type, scale),
        isNumeric(type) ? 10 : null, octetLength(type, precision));
  }

  /**
   * Describes a query result column (a column of a view): through its declared storage type when it
   * comes straight from a table column, else through its SQL type.
   */
  static Description describe(ResultField field) {
    int precision = field.precision();
    int scale = Math.max(field.scale(), 0);
    if (field.storageType() != null) {
      return describe(field.storageType(), precision, scale);
    }
    ColumnType type = dev.marble.sql.MarbleTypes.storageType(field.type());
    if (type != null) {
      return describe(type, type == ColumnType.CHAR || type == ColumnType.BINARY ? Math.max(precision, 1) : precision,
          scale);
    }
    int jdbc = field.type().getJdbcOrdinal();
    return new Description(jdbc, field.type().getName(), precision > 0 ? precision : 0, null, null, null);
  }

  static int jdbcType(ColumnType type) {
    return switch (type) {
      case BOOLEAN -> Types.BOOLEAN;
      case TINYINT -> Types.TINYINT;
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case REAL -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case CHAR -> Types.CHAR;
      case VARCHAR -> Types.VARCHAR;
      case CLOB -> Types.CLOB;
      case BINARY -> Types.BINARY;
      case VARBINARY -> Types.VARBINARY;
      case BLOB -> Types.BLOB;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case UUID -> Types.OTHER;
    };
  }

  static boolean isNumeric(ColumnType type) {
    return switch (type) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  private static int columnSize(ColumnType type, int precision) {
    return switch (type) {
      case BOOLEAN -> 1;
      case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> type.fixedPrecision();
      case DECIMAL -> precision > 0 ? precision : MAX_DECIMAL;
      case CHAR, BINARY -> Math.max(precision, 1);
      case VARCHAR, VARBINARY -> precision > 0 ? precision : Integer.MAX_VALUE;
      case CLOB, BLOB -> Integer.MAX_VALUE;
      case DATE -> 10;
      case TIME -> 8;
      case TIMESTAMP -> 20 + TIMESTAMP_DIGITS;
      case UUID -> 36;
    };
  }

  private static Integer decimalDigits(ColumnType type, int scale) {
    return switch (type) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME -> 0;
      case DECIMAL -> Math.max(scale, 0);
      case TIMESTAMP -> TIMESTAMP_DIGITS;
      default -> null;
    };
  }

  private static Integer octetLength(ColumnType type, int precision) {
    int size = columnSize(type, precision);
    return switch (type) {
      case CHAR, VARCHAR, CLOB -> size > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 4 * size;
      case BINARY, VARBINARY, BLOB -> size;
      default -> null;
    };
  }

  /** The 18 columns of {@code getTypeInfo()}, one row per Marble type, sorted by DATA_TYPE. */
  static List<Object[]> typeInfoRows() {
    List<Object[]> rows = new ArrayList<>();
    for (ColumnType t : ColumnType.values()) {
      boolean text = t == ColumnType.CHAR || t == ColumnType.VARCHAR || t == ColumnType.CLOB;
      boolean numeric = isNumeric(t);
      String prefix = switch (t) {
        case CHAR, VARCHAR, CLOB -> "'";
        case BINARY, VARBINARY, BLOB -> "X'";
        case DATE, TIME, TIMESTAMP, UUID -> t.name() + " '";
        default -> null;
      };
      String createParams = switch (t) {
        case DECIMAL -> "PRECISION,SCALE";
        case CHAR, VARCHAR, BINARY, VARBINARY -> "LENGTH";
        default -> null;
      };
      boolean identity = switch (t) {
        case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> true;
        default -> false;
      };
      short maxScale = (short) (t == ColumnType.DECIMAL ? MAX_DECIMAL
          : t == ColumnType.TIMESTAMP ? TIMESTAMP_DIGITS : 0);
      short minScale = (short) (t == ColumnType.TIMESTAMP ? TIMESTAMP_DIGITS : 0);
      int maxPrecision = switch (t) {
        case DECIMAL -> MAX_DECIMAL;
        case CHAR, BINARY -> Integer.MAX_VALUE;
        default -> columnSize(t, 0);
      };
      rows.add(new Object[] {
        t.name(), jdbcType(t), maxPrecision, prefix, prefix == null ? null : "'", createParams,
        (short) DatabaseMetaData.typeNullable, text,
        (short) (text ? DatabaseMetaData.typeSearchable : DatabaseMetaData.typePredBasic),
        false, false, identity, t.name(), minScale, maxScale, null, null, numeric ? 10 : null
      });
    }
    rows.sort(Comparator.comparingInt((Object[] r) -> (Integer) r[1]));
    return rows;
  }
}
