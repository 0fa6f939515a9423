package dev.marble.storage.catalog;

import dev.marble.storage.ColumnType;
import java.util.List;

/**
 * One physical row layout (schema version) of a table: column ids and their storage types in
 * physical order. Types are recorded here because a dropped column must still be skipped correctly
 * in rows written before the drop.
 */
public record LayoutDef(List<Integer> columnIds, List<ColumnType> types) {
  public LayoutDef {
    columnIds = List.copyOf(columnIds);
    types = List.copyOf(types);
  }

  public static LayoutDef of(List<ColumnDef> columns) {
    return new LayoutDef(columns.stream().map(ColumnDef::id).toList(),
        columns.stream().map(ColumnDef::type).toList());
  }
}
