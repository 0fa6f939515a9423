package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.Table;
import dev.marble.storage.TableStore;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds an index (plain, or enforcing a UNIQUE constraint) to a table that may already hold rows:
 * creates its store, fills it from every committed row while commits are paused, and only then
 * publishes the new definition. Duplicate values in a unique index fail the statement and leave no
 * trace.
 */
final class IndexBuilder {
  private final Database database;

  IndexBuilder(Database database) {
    this.database = database;
  }

  void addIndex(SchemaDef schema, TableDef def, IndexDef index, List<ConstraintDef> constraints) {
    List<IndexDef> indexes = new ArrayList<>(def.indexes());
    indexes.add(index);
    TableDef next = def.withConstraints(constraints, indexes);
    database.createIndexStorage(next, index);
    try {
      database.withCommitsPaused(() -> {
        fill(schema.name(), next, index);
        database.publish(database.catalog().takeIds(1).withSchema(schema.withTable(next)));
        return null;
      });
    } catch (RuntimeException e) {
      database.dropStorage(index.id());
      throw e;
    }
  }

  private void fill(String schema, TableDef def, IndexDef indexDef) {
    Table table = database.table(schema, def);
    Table.Index index = table.indexes().stream().filter(i -> i.def().id() == indexDef.id()).findFirst().orElseThrow();
    Object[] values = new Object[index.positions().length];
    try (TableStore.Cursor cursor = table.store().cursor()) {
      while (cursor.next()) {
        byte[] key = cursor.key();
        table.decode(key, cursor.value(), index.positions(), values); // the indexed columns only
        byte[] entry = index.entryKeyOfValues(values, key);
        if (index.def().unique() && !java.util.Arrays.asList(values).contains(null)
            && index.store().containsKey(entry)) {
          String name = indexDef.constraint() != null ? indexDef.constraint() : indexDef.name();
          throw new dev.marble.storage.StorageException(dev.marble.storage.StorageException.Code.DUPLICATE_KEY,
              "Cannot create unique " + (indexDef.constraint() != null ? "constraint " : "index ") + name
                  + " on " + table.qualifiedName() + index.columnNames(def) + ": existing rows hold duplicate values");
        }
        index.store().put(entry, key);
      }
    }
    index.sortAfterFill();
  }
}
