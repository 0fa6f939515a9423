package dev.marble.storage;

import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.TableDef;

/**
 * Sizing of new stores from a table's definition and its {@code WITH (...)} options. Stores start
 * small and grow by themselves, so these are hints for the first shard, not limits.
 */
final class TableStores {
  private static final ColumnDef ROW_ID =
      new ColumnDef(0, "_ROWID_", dev.marble.storage.ColumnType.BIGINT, -1, 0, false, null, null, null, null);

  private TableStores() {}

  static TableStore.StoreOptions optionsFor(TableDef def) {
    int[] pk = def.primaryKeyPositions();
    int keySize = 0;
    boolean constantKey = true;
    if (pk.length == 0) {
      keySize = Database.estimatedSize(ROW_ID) + 1; // the hidden BIGINT row id, after KeyCodec's null marker
    }
    for (int p : pk) {
      ColumnDef c = def.columns().get(p);
      keySize += Database.estimatedSize(c) + 1;
      constantKey &= c.type().isFixedWidth();
    }
    int valueSize = 8;
    for (ColumnDef c : def.columns()) {
      valueSize += Database.estimatedSize(c) + 1;
    }
    String rowSize = def.options().get("AVERAGE_ROW_SIZE");
    if (rowSize != null) {
      valueSize = Integer.parseInt(rowSize);
    }
    return options(def, keySize, constantKey, valueSize);
  }

  static TableStore.StoreOptions optionsForIndex(TableDef def, IndexDef index) {
    int keySize = 8;
    for (int id : index.columns()) {
      keySize += Database.estimatedSize(def.columnById(id)) + 1;
    }
    return options(def, keySize * 2, false, 16);
  }

  private static TableStore.StoreOptions options(TableDef def, int keySize, boolean constantKey, int valueSize) {
    TableStore.StoreOptions defaults = TableStore.StoreOptions.defaults(keySize, constantKey, valueSize);
    String initial = def.options().get("INITIAL_ENTRIES");
    return initial == null ? defaults : defaults.withInitialEntries(Long.parseLong(initial));
  }
}
