package dev.marble.sql;

import dev.marble.storage.ColumnType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of a statement's result, with its origin when it is a plain table column.
 *
 * @param storageType the declared type of the origin column (tells CLOB from VARCHAR), or null
 */
public record ResultField(
    String label,
    String columnName,
    String schemaName,
    String tableName,
    SqlTypeName type,
    int precision,
    int scale,
    boolean nullable,
    ColumnType storageType,
    boolean autoIncrement) {}
