package dev.marble.storage.catalog;

import java.util.List;

/**
 * A named table constraint. Columns are referenced by {@link ColumnDef#id()}.
 *
 * @param checkSql the CHECK condition as SQL text (CHECK only)
 * @param refTable referenced table (FOREIGN KEY only), as schema and name
 * @param refColumns referenced column names (FOREIGN KEY only)
 */
public record ConstraintDef(
    String name,
    Kind kind,
    List<Integer> columns,
    String checkSql,
    String refSchema,
    String refTable,
    List<String> refColumns,
    String onDelete,
    String onUpdate) {

  public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

  public static ConstraintDef unique(String name, List<Integer> columns) {
    return new ConstraintDef(name, Kind.UNIQUE, List.copyOf(columns), null, null, null, null, null, null);
  }

  public static ConstraintDef check(String name, String sql) {
    return new ConstraintDef(name, Kind.CHECK, List.of(), sql, null, null, null, null, null);
  }

  public static ConstraintDef primaryKey(String name, List<Integer> columns) {
    return new ConstraintDef(name, Kind.PRIMARY_KEY, List.copyOf(columns), null, null, null, null, null, null);
  }

  public ConstraintDef withCheckSql(String sql) {
    return new ConstraintDef(name, kind, columns, sql, refSchema, refTable, refColumns, onDelete, onUpdate);
  }
}
