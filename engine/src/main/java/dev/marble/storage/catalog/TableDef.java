package dev.marble.storage.catalog;

import dev.marble.storage.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table's definition: columns in SQL order, constraints, indexes and the physical layouts its
 * stored rows may have.
 *
 * <p>{@code layouts.get(v)} is the physical layout of schema version {@code v}; the last one is
 * current and always lists the current columns in SQL order. Adding or dropping a column appends a layout and rewrites no row: old rows
 * keep their version and decode through it (see {@code Table}).
 *
 * @param rowIdSequence for tables without a primary key, the internal sequence that numbers the
 *     hidden row ids; null otherwise
 */
public record TableDef(
    long id,
    String name,
    List<ColumnDef> columns,
    List<ConstraintDef> constraints,
    List<IndexDef> indexes,
    List<LayoutDef> layouts,
    int nextColumnId,
    String rowIdSequence,
    Map<String, String> options,
    String comment) {

  public TableDef {
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
    indexes = List.copyOf(indexes);
    layouts = List.copyOf(layouts);
    options = Map.copyOf(options);
  }

  public ColumnDef column(String columnName) {
    for (ColumnDef c : columns) {
      if (c.name().equals(columnName)) {
        return c;
      }
    }
    for (ColumnDef c : columns) {
      if (c.name().equalsIgnoreCase(columnName)) {
        return c;
      }
    }
    return null;
  }

  public ColumnDef columnById(int columnId) {
    for (ColumnDef c : columns) {
      if (c.id() == columnId) {
        return c;
      }
    }
    return null;
  }

  /** Position (SQL order) of the column with this id, or -1. */
  public int position(int columnId) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).id() == columnId) {
        return i;
      }
    }
    return -1;
  }

  public ConstraintDef primaryKey() {
    for (ConstraintDef c : constraints) {
      if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
        return c;
      }
    }
    return null;
  }

  /** Positions of the primary key columns, or an empty array for a table keyed by hidden row id. */
  public int[] primaryKeyPositions() {
    ConstraintDef pk = primaryKey();
    if (pk == null) {
      return new int[0];
    }
    return pk.columns().stream().mapToInt(this::position).toArray();
  }

  public ColumnType[] columnTypes() {
    return columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
  }

  public TableDef withColumns(List<ColumnDef> newColumns, boolean newLayout, int newNextColumnId) {
    List<LayoutDef> newLayouts = layouts;
    if (newLayout) {
      newLayouts = new ArrayList<>(layouts);
      newLayouts.add(LayoutDef.of(newColumns));
    }
    return new TableDef(id, name, newColumns, constraints, indexes, newLayouts, newNextColumnId,
        rowIdSequence, options, comment);
  }

  public TableDef withName(String newName) {
    return new TableDef(id, newName, columns, constraints, indexes, layouts, nextColumnId,
        rowIdSequence, options, comment);
  }

  public TableDef withConstraints(List<ConstraintDef> newConstraints, List<IndexDef> newIndexes) {
    return new TableDef(id, name, columns, newConstraints, newIndexes, layouts, nextColumnId,
        rowIdSequence, options, comment);
  }

  public TableDef withComment(String newComment) {
    return new TableDef(id, name, columns, constraints, indexes, layouts, nextColumnId,
        rowIdSequence, options, newComment);
  }

  public TableDef withColumn(int position, ColumnDef column) {
    List<ColumnDef> cols = new ArrayList<>(columns);
    cols.set(position, column);
    return withColumns(cols, false, nextColumnId);
  }
}
