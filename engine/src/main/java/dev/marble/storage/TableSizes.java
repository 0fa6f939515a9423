package dev.marble.storage;

import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures every table for {@link Database#tableSizes()}: row counts come from the per-shard
 * counters (no scan), bytes from file sizes.
 *
 * <p>Never waits for DDL, since monitoring polls it: when the schema lock is free it is held while
 * measuring (no table is dropped meanwhile) and stores not used yet are opened; when DDL holds it,
 * only tables whose stores are already open are measured, and one dropped meanwhile is left out.
 */
final class TableSizes {
  private TableSizes() {}

  static List<TableSize> of(Database db) {
    boolean ddlHeldOff = db.schemaLock().tryLock();
    try {
      List<TableSize> sizes = new ArrayList<>();
      for (SchemaDef s : db.catalog().schemas().values()) {
        for (TableDef t : s.tables().values()) {
          TableStore store = ddlHeldOff ? db.table(s.name(), t).store() : db.openStore(t.id());
          if (store != null) {
            measure(db, s.name(), t, store, sizes);
          }
        }
      }
      return sizes;
    } finally {
      if (ddlHeldOff) {
        db.schemaLock().unlock();
      }
    }
  }

  private static void measure(Database db, String schema, TableDef t, TableStore store, List<TableSize> sizes) {
    long rows;
    try {
      rows = store.size();
    } catch (StorageException e) {
      if (e.code() == StorageException.Code.CLOSED && !db.isClosed()) {
        return; // dropped by concurrent DDL
      }
      throw e;
    }
    long indexBytes = 0;
    for (IndexDef i : t.indexes()) {
      indexBytes += db.diskBytes(i.id(), "indexes");
    }
    sizes.add(new TableSize(schema, t.name(), rows, db.diskBytes(t.id(), "tables"), indexBytes));
  }
}
