package dev.marble.storage.catalog;

import dev.marble.storage.ColumnType;

/**
 * One column of a table. {@code id} is stable for the life of the column (renames keep it, a
 * dropped column's id is never reused), so stored rows and constraints refer to ids, not names.
 *
 * @param defaultSql SQL expression text of the DEFAULT clause, or null
 * @param identity identity generation, or null
 * @param fillValue value (as {@link ValueText}) that rows written before this column was added
 *     read as; null for columns that existed when the table was created
 */
public record ColumnDef(
    int id,
    String name,
    ColumnType type,
    int precision,
    int scale,
    boolean nullable,
    String defaultSql,
    IdentityDef identity,
    String fillValue,
    String comment) {

  public ColumnDef withName(String newName) {
    return new ColumnDef(id, newName, type, precision, scale, nullable, defaultSql, identity, fillValue, comment);
  }

  public ColumnDef withNullable(boolean newNullable) {
    return new ColumnDef(id, name, type, precision, scale, newNullable, defaultSql, identity, fillValue, comment);
  }

  public ColumnDef withDefault(String newDefaultSql) {
    return new ColumnDef(id, name, type, precision, scale, nullable, newDefaultSql, identity, fillValue, comment);
  }

  public ColumnDef withComment(String newComment) {
    return new ColumnDef(id, name, type, precision, scale, nullable, defaultSql, identity, fillValue, newComment);
  }

  public ColumnDef withType(ColumnType newType, int newPrecision, int newScale) {
    return new ColumnDef(id, name, newType, newPrecision, newScale, nullable, defaultSql, identity, fillValue, comment);
  }
}
