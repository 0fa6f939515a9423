package dev.marble.jdbc;

import dev.marble.sql.ResultField;
import dev.marble.storage.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/** Result column metadata for JDBC, from what the engine knows of each result field. */
final class ResultColumns {
  private ResultColumns() {}

  static List<ResultColumn> of(List<ResultField> fields) {
    return fields.stream().map(ResultColumns::of).toList();
  }

  static ResultColumn of(ResultField f) {
    int jdbcType = jdbcType(f.type(), f.storageType());
    String typeName = f.storageType() != null ? f.storageType().name()
        : f.type() == SqlTypeName.UUID ? "UUID" : f.type().getName();
    int precision = f.precision() == RelDataType.PRECISION_NOT_SPECIFIED ? Integer.MAX_VALUE : f.precision();
    int scale = f.scale() == RelDataType.SCALE_NOT_SPECIFIED ? 0 : f.scale();
    return new ResultColumn(f.label(), f.columnName(), f.schemaName(), f.tableName(), jdbcType, typeName,
        precision, scale, f.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls,
        f.autoIncrement(), ResultColumn.isSigned(jdbcType));
  }

  static int jdbcType(SqlTypeName type, ColumnType storage) {
    if (storage == ColumnType.CLOB) {
      return Types.CLOB;
    }
    if (storage == ColumnType.BLOB) {
      return Types.BLOB;
    }
    if (type == SqlTypeName.UUID) {
      return Types.OTHER;
    }
    int ordinal = type.getJdbcOrdinal();
    return ordinal == Types.NULL && type != SqlTypeName.NULL ? Types.OTHER : ordinal;
  }

  /** A column of a table as a result column (generated keys). */
  static ResultColumn ofColumn(String schema, String table, dev.marble.storage.catalog.ColumnDef c) {
    int jdbcType = MetadataTypes.jdbcType(c.type());
    return new ResultColumn(c.name(), c.name(), schema, table, jdbcType, c.type().name(),
        c.precision() < 0 ? Integer.MAX_VALUE : c.precision(), Math.max(0, c.scale()),
        c.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls,
        c.identity() != null, ResultColumn.isSigned(jdbcType));
  }
}
