package dev.marble.sql;

import dev.marble.storage.ColumnType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;

/** Column types named in DDL, mapped to Marble storage types with their length and scale. */
final class ColumnTypes {
  private ColumnTypes() {}

  /** A declared type: storage type, precision (length) and scale; -1 when not given. */
  record Declared(ColumnType type, int precision, int scale, boolean serial) {}

  static Declared of(SqlDataTypeSpec spec, String column) {
    SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
    String name = nameSpec.getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT);
    int precision = -1;
    int scale = -1;
    if (nameSpec instanceof SqlBasicTypeNameSpec basic) {
      precision = basic.getPrecision();
      scale = basic.getScale();
    }
    ColumnType type = switch (name) {
      case "BOOLEAN", "BOOL" -> ColumnType.BOOLEAN;
      case "TINYINT" -> ColumnType.TINYINT;
      case "SMALLINT", "INT2", "SMALLSERIAL" -> ColumnType.SMALLINT;
      case "INTEGER", "INT", "INT4", "SERIAL" -> ColumnType.INTEGER;
      case "BIGINT", "INT8", "BIGSERIAL" -> ColumnType.BIGINT;
      case "REAL", "FLOAT4" -> ColumnType.REAL;
      case "DOUBLE", "FLOAT", "FLOAT8", "DOUBLE PRECISION" -> ColumnType.DOUBLE;
      case "DECIMAL", "NUMERIC", "DEC", "NUMBER" -> ColumnType.DECIMAL;
      case "CHAR", "CHARACTER" -> ColumnType.CHAR;
      case "VARCHAR", "CHARACTER VARYING", "VARCHAR2", "NVARCHAR", "STRING" -> ColumnType.VARCHAR;
      // JSON documents are kept as text: no JSON operators, but scripts declaring them run.
      case "CLOB", "TEXT", "LONGVARCHAR", "NCLOB", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "JSON", "JSONB"
          -> ColumnType.CLOB;
      case "BINARY" -> ColumnType.BINARY;
      case "VARBINARY", "BINARY VARYING" -> ColumnType.VARBINARY;
      case "BLOB", "BYTEA", "LONGVARBINARY" -> ColumnType.BLOB;
      case "DATE" -> ColumnType.DATE;
      // The WITH [LOCAL] TIME ZONE forms are accepted for the scripts that declare them: JDBC turns
      // an OffsetDateTime or Instant into its UTC date-time, so the column holds the instant; the
      // offset it was written with is not kept.
      case "TIME", "TIME_TZ", "TIME_WITH_LOCAL_TIME_ZONE" -> ColumnType.TIME;
      case "TIMESTAMP", "DATETIME", "TIMESTAMP_TZ", "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMPTZ"
          -> ColumnType.TIMESTAMP;
      case "UUID" -> ColumnType.UUID;
      default -> throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Unknown data type " + name + " for column " + column + "; Marble supports BOOLEAN, TINYINT, "
              + "SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL(p,s), CHAR(n), VARCHAR(n), CLOB/TEXT, JSON, "
              + "BINARY(n), VARBINARY(n), BLOB, DATE, TIME, TIMESTAMP and UUID");
    };
    return normalise(type, precision, scale, column, name.endsWith("SERIAL"));
  }

  private static Declared normalise(ColumnType type, int precision, int scale, String column, boolean serial) {
    switch (type) {
      case DECIMAL -> {
        int p = precision < 0 ? MarbleTypeSystem.MAX_DECIMAL : precision;
        int s = scale < 0 ? 0 : scale;
        if (p < 1 || p > MarbleTypeSystem.MAX_DECIMAL || s > p) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Invalid DECIMAL(" + precision + "," + scale + ") for column " + column
                  + ": precision must be 1 to " + MarbleTypeSystem.MAX_DECIMAL + " and scale 0 to precision");
        }
        return new Declared(type, p, s, false);
      }
      case CHAR, BINARY -> {
        return new Declared(type, precision < 0 ? 1 : precision, 0, false);
      }
      case VARCHAR, VARBINARY -> {
        return new Declared(type, precision, 0, false);
      }
      default -> {
        return new Declared(type, -1, 0, serial);
      }
    }
  }

  /** The column type that holds a query result column (CREATE TABLE AS). */
  static Declared ofResult(ResultField f) {
    if (f.storageType() != null) {
      return new Declared(f.storageType(), f.precision(), Math.max(f.scale(), 0), false);
    }
    ColumnType type = MarbleTypes.storageType(f.type());
    if (type == null) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
          "Column " + f.label() + " has type " + f.type() + ", which a table cannot store");
    }
    int precision = f.precision() == org.apache.calcite.rel.type.RelDataType.PRECISION_NOT_SPECIFIED ? -1 : f.precision();
    return normalise(type, precision, f.scale(), f.label(), false);
  }

  /** The type as DDL and metadata spell it, e.g. {@code VARCHAR(20)}, {@code DECIMAL(10,2)}. */
  static String sqlName(ColumnType type, int precision, int scale) {
    return switch (type) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case CHAR, BINARY -> type + "(" + precision + ")";
      case VARCHAR, VARBINARY -> precision > 0 ? type + "(" + precision + ")" : type.name();
      default -> type.name();
    };
  }
}
