package dev.marble.storage.catalog;

import java.util.List;

/**
 * A named table constraint. Columns are referenced by {@link ColumnDef#id()}.
 *
 * @param checkSql the CHECK condition as SQL text (CHECK only)
 * @param refSchema schema of the referenced table (FOREIGN KEY only)
 * @param refTable referenced table (FOREIGN KEY only); renames of it are written through here
 * @param refColumns referenced column names (FOREIGN KEY only), always spelled out, in the order
 *     of {@code columns}: a primary key or unique constraint of the referenced table
 * @param onDelete referential action in SQL spelling ({@code NO ACTION}, {@code CASCADE}, ...)
 * @param onUpdate likewise for updates of the referenced key
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

  public static ConstraintDef foreignKey(String name, List<Integer> columns, String refSchema, String refTable,
      List<String> refColumns, String onDelete, String onUpdate) {
    return new ConstraintDef(name, Kind.FOREIGN_KEY, List.copyOf(columns), null, refSchema, refTable,
        List.copyOf(refColumns), onDelete, onUpdate);
  }

  /** Whether this is a foreign key referencing table {@code table} of schema {@code schema}. */
  public boolean references(String schema, String table) {
    return kind == Kind.FOREIGN_KEY && refSchema.equals(schema) && refTable.equals(table);
  }

  public ConstraintDef withReference(String newRefTable, List<String> newRefColumns) {
    return new ConstraintDef(name, kind, columns, checkSql, refSchema, newRefTable, List.copyOf(newRefColumns),
        onDelete, onUpdate);
  }

  public ConstraintDef withCheckSql(String sql) {
    return new ConstraintDef(name, kind, columns, sql, refSchema, refTable, refColumns, onDelete, onUpdate);
  }
}
