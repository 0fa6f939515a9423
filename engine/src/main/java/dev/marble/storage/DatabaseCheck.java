package dev.marble.storage;

import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies every table and index of a database against its catalog ({@link Database#check()}).
 * Reports, never repairs, and never stops at the first problem: a damaged entry is reported and
 * the walk goes on, up to {@link #MAX_FINDINGS} findings.
 *
 * <p>Per table, with DDL held off ({@link Database#schemaLock()}) and commits paused (so a table
 * and its indexes are seen at one moment; other tables stay writable):
 *
 * <ul>
 *   <li>every row is read, so every stored value's checksum is verified ({@link StoredValue},
 *       {@link OverflowStore}); a damaged entry is a finding naming its file;
 *   <li>every row decodes with its layout; its key equals the key computed from its values; its
 *       NOT NULL columns hold values;
 *   <li>every row has the entry it should have in each index, pointing back to it; in a unique
 *       index, two rows with the same values are reported as duplicates;
 *   <li>every index entry points to a row that exists and whose indexed values give that entry;
 *       an index holds as many entries as its table has rows.
 * </ul>
 *
 * Costs one walk of every table and index plus one lookup per row and index in each direction.
 */
public final class DatabaseCheck {
  /** A check stops after this many findings. */
  public static final int MAX_FINDINGS = 1000;

  /**
   * One problem.
   *
   * @param table the table, as {@code schema.name}
   * @param object what is damaged: the table's name, an index name, or a file or store directory
   *     relative to the database directory (e.g. {@code tables/7/shard-0.cmap})
   * @param problem what is wrong, naming the row or entry
   */
  public record Finding(String table, String object, String problem) {
    @Override
    public String toString() {
      return table + " [" + object + "]: " + problem;
    }
  }

  private final Database db;
  private final Path dir; // null in memory
  private final int limit;
  private final List<Finding> findings = new ArrayList<>();

  private DatabaseCheck(Database db, int limit) {
    this.db = db;
    this.dir = db.isInMemory() ? null : Path.of(db.name());
    this.limit = limit;
  }

  /** The findings of a check of {@code db}; empty when it is clean. */
  static List<Finding> run(Database db) {
    return run(db, MAX_FINDINGS);
  }

  static List<Finding> run(Database db, int limit) {
    DatabaseCheck check = new DatabaseCheck(db, Math.max(1, limit));
    check.all();
    return List.copyOf(check.findings);
  }

  private void all() {
    List<SchemaDef> schemas = new ArrayList<>(db.catalog().schemas().values());
    schemas.sort(Comparator.comparing(SchemaDef::name));
    for (SchemaDef s : schemas) {
      List<String> names = new ArrayList<>(s.tables().keySet());
      names.sort(null);
      for (String name : names) {
        if (full()) {
          return;
        }
        db.schemaLock().lock();
        try {
          SchemaDef now = db.catalog().schema(s.name());
          TableDef def = now == null ? null : now.tables().get(name);
          if (def != null) { // else dropped meanwhile
            checkTable(s.name(), def);
          }
        } finally {
          db.schemaLock().unlock();
        }
      }
    }
  }

  private void checkTable(String schema, TableDef def) {
    String table = schema + "." + def.name();
    if (dir != null) {
      // Database.table() would create a missing store: report it instead
      boolean missing = false;
      if (!Files.isDirectory(storeDir("tables", def.id()))) {
        add(table, "tables/" + def.id(), "store directory of table " + table + " is missing");
        missing = true;
      }
      for (IndexDef i : def.indexes()) {
        if (!Files.isDirectory(storeDir("indexes", i.id()))) {
          add(table, "indexes/" + i.id(), "store directory of index " + i.name() + " is missing");
          missing = true;
        }
      }
      if (missing) {
        return;
      }
    }
    Table t;
    try {
      t = db.table(schema, def);
    } catch (RuntimeException e) {
      add(table, "tables/" + def.id(), "cannot open the stores of table " + table + ": " + e.getMessage());
      return;
    }
    db.withCommitsPaused(() -> {
      long rows = checkRows(t);
      for (Table.Index index : t.indexes()) {
        if (full()) {
          break;
        }
        long entries = checkIndexEntries(t, index);
        if (rows >= 0 && entries >= 0 && rows != entries) {
          add(table, index.def().name(), "index holds " + entries + " entries for " + rows + " rows");
        }
        checkOrder(t, index, entries);
      }
      return null;
    });
  }

  // ------------------------------------------------------------------------------------ rows

  /** Walks the rows; returns how many there are (damaged ones included), or -1 if cut short. */
  private long checkRows(Table t) {
    String table = t.qualifiedName();
    List<Integer> notNull = new ArrayList<>();
    for (int c = 0; c < t.columnCount(); c++) {
      if (!t.def().columns().get(c).nullable()) {
        notNull.add(c);
      }
    }
    long rows = 0;
    try (TableStore.Cursor c = t.store().cursor()) {
      while (!full()) {
        byte[] key;
        byte[] value;
        try {
          if (!c.next()) {
            return rows;
          }
          key = c.key();
          value = c.value();
        } catch (StoredValue.Damaged d) {
          rows++;
          add(table, fileOf(t.store(), d.file), d.getMessage());
          continue;
        } catch (StorageException e) {
          if (e.code() != StorageException.Code.CORRUPTED) {
            throw e;
          }
          add(table, storeOf(t.store()), e.getMessage()); // a segment that cannot be read: skipped
          continue;
        }
        rows++;
        checkRow(t, notNull, key, value);
      }
      return -1;
    } catch (RuntimeException e) {
      add(table, storeOf(t.store()), "walk of table " + table + " failed: " + e);
      return -1;
    }
  }

  private void checkRow(Table t, List<Integer> notNull, byte[] key, byte[] value) {
    String table = t.qualifiedName();
    Object[] row;
    try {
      row = t.decode(key, value);
    } catch (RuntimeException e) {
      add(table, t.name(), "row " + describeKey(t, key) + " does not decode: " + e.getMessage());
      return;
    }
    byte[] expected;
    try {
      expected = t.key(row);
    } catch (RuntimeException e) {
      add(table, t.name(), "row " + describeKey(t, key) + " has key values that do not encode: " + e.getMessage());
      return;
    }
    if (!Arrays.equals(expected, key)) {
      add(table, t.name(), "row stored under key " + describeKey(t, key) + " holds the key values "
          + describeKey(t, expected));
    }
    for (int c : notNull) {
      if (row[c] == null) {
        add(table, t.name(), "row " + describeKey(t, key) + ": column " + t.def().columns().get(c).name()
            + " is NULL but declared NOT NULL");
      }
    }
    for (Table.Index index : t.indexes()) {
      checkEntryOf(t, index, row, key);
    }
  }

  /** The entry {@code row} should have in {@code index} exists and points back to it. */
  private void checkEntryOf(Table t, Table.Index index, Object[] row, byte[] key) {
    String table = t.qualifiedName();
    String name = index.def().name();
    byte[] entry;
    byte[] owner;
    try {
      entry = index.entryKey(row, key);
      owner = index.store().get(entry);
    } catch (StoredValue.Damaged d) {
      return; // reported by the walk of the index
    } catch (RuntimeException e) {
      add(table, name, "cannot look up the entry of row " + describeKey(t, key) + ": " + e.getMessage());
      return;
    }
    if (owner == null) {
      add(table, name, "row " + describeKey(t, key) + " has no index entry (" + StoredValue.hexKey(entry) + ")");
    } else if (!Arrays.equals(owner, key)) {
      if (index.enforcesUnique(row) && sameEntry(t, index, owner, entry)) {
        add(table, name, "unique index holds duplicate values " + values(index, row) + ": rows "
            + describeKey(t, owner) + " and " + describeKey(t, key));
      } else {
        add(table, name, "the entry of row " + describeKey(t, key) + " (" + StoredValue.hexKey(entry)
            + ") points to row " + describeKey(t, owner));
      }
    }
  }

  /** Whether the row under {@code rowKey} exists and gives the index entry {@code entry}. */
  private static boolean sameEntry(Table t, Table.Index index, byte[] rowKey, byte[] entry) {
    try {
      byte[] bytes = t.store().get(rowKey);
      return bytes != null && Arrays.equals(index.entryKey(t.decode(rowKey, bytes), rowKey), entry);
    } catch (RuntimeException e) {
      return false;
    }
  }

  // --------------------------------------------------------------------------------- indexes

  /** Walks an index's entries; returns how many there are, or -1 if cut short. */
  private long checkIndexEntries(Table t, Table.Index index) {
    String table = t.qualifiedName();
    String name = index.def().name();
    long entries = 0;
    try (TableStore.Cursor c = index.store().cursor()) {
      while (!full()) {
        byte[] entry;
        byte[] rowKey;
        try {
          if (!c.next()) {
            return entries;
          }
          entry = c.key();
          rowKey = c.value();
        } catch (StoredValue.Damaged d) {
          entries++;
          add(table, fileOf(index.store(), d.file), d.getMessage());
          continue;
        } catch (StorageException e) {
          if (e.code() != StorageException.Code.CORRUPTED) {
            throw e;
          }
          add(table, storeOf(index.store()), e.getMessage());
          continue;
        }
        entries++;
        checkEntry(t, index, entry, rowKey);
      }
      return -1;
    } catch (RuntimeException e) {
      add(table, storeOf(index.store()), "walk of index " + name + " failed: " + e);
      return -1;
    }
  }

  /**
   * The ordered side of an index holds what its hash store holds (every live entry, pointing to
   * the same row), in ascending order. Runs with commits paused, so no entry is in flight.
   */
  private void checkOrder(Table t, Table.Index index, long entries) {
    long seen = 0;
    byte[] previous = null;
    java.util.Iterator<byte[][]> it = index.ordered().range(new byte[0], null, false, Long.MAX_VALUE);
    while (it.hasNext() && !full()) {
      byte[][] e = it.next();
      seen++;
      byte[] entry = Arrays.copyOf(e[0], e[0].length - e[1].length);
      if (previous != null && KeyCodec.compare(previous, e[0]) >= 0) {
        add(t.qualifiedName(), index.def().name(), "ordered entries out of order at " + StoredValue.hexKey(e[0]));
      } else if (!Arrays.equals(storedOrNull(index, entry), e[1])) {
        add(t.qualifiedName(), index.def().name(), "ordered entry " + StoredValue.hexKey(entry)
            + " is not in the index's store; reopening after a crash rebuilds it");
      }
      previous = e[0];
    }
    if (entries >= 0 && seen != entries && !full()) {
      add(t.qualifiedName(), index.def().name(), "the ordered side holds " + seen + " entries, the index "
          + entries);
    }
  }

  /** The index store's row key for {@code entry}; null when absent or damaged (the store walk reports that). */
  private static byte[] storedOrNull(Table.Index index, byte[] entry) {
    try {
      return index.store().get(entry);
    } catch (StorageException e) {
      return null;
    }
  }

  /** An index entry points to an existing row whose values give this entry. */
  private void checkEntry(Table t, Table.Index index, byte[] entry, byte[] rowKey) {
    String name = index.def().name();
    byte[] bytes;
    Object[] row;
    try {
      bytes = t.store().get(rowKey);
      if (bytes == null) {
        add(t.qualifiedName(), name, "entry " + StoredValue.hexKey(entry) + " points to row "
            + describeKey(t, rowKey) + ", which does not exist");
        return;
      }
      row = t.decode(rowKey, bytes);
    } catch (RuntimeException e) {
      return; // a damaged or undecodable row: reported by the walk of the rows
    }
    byte[] expected;
    try {
      expected = index.entryKey(row, rowKey);
    } catch (RuntimeException e) {
      return; // reported by the walk of the rows
    }
    if (!Arrays.equals(expected, entry)) {
      add(t.qualifiedName(), name, "entry " + StoredValue.hexKey(entry) + " points to row " + describeKey(t, rowKey)
          + ", whose values " + values(index, row) + " give the entry " + StoredValue.hexKey(expected));
    }
  }

  // --------------------------------------------------------------------------------- helpers

  private boolean full() {
    return findings.size() >= limit;
  }

  private void add(String table, String object, String problem) {
    if (findings.size() < limit - 1) {
      findings.add(new Finding(table, object, problem));
    } else if (findings.size() == limit - 1) {
      findings.add(new Finding(table, object, problem + " (check stopped after " + limit + " findings)"));
    }
  }

  private Path storeDir(String kind, long id) {
    return dir.resolve(kind).resolve(Long.toString(id));
  }

  /** A store's directory relative to the database directory ({@code tables/7}). */
  private String storeOf(TableStore store) {
    Path d = store.directory();
    if (d == null) {
      return store.toString();
    }
    return dir != null && d.startsWith(dir) ? dir.relativize(d).toString() : d.toString();
  }

  private String fileOf(TableStore store, String file) {
    return storeOf(store) + "/" + file;
  }

  /** A row key for findings: {@code (ID=5)}, or hex when it does not decode. */
  private static String describeKey(Table t, byte[] key) {
    int[] pk = t.def().primaryKeyPositions();
    ColumnType[] types = new ColumnType[Math.max(1, pk.length)];
    String[] names = new String[types.length];
    if (pk.length == 0) {
      types[0] = ColumnType.BIGINT;
      names[0] = "_ROWID_";
    }
    for (int i = 0; i < pk.length; i++) {
      ColumnDef c = t.def().columns().get(pk[i]);
      types[i] = c.type();
      names[i] = c.name();
    }
    Object[] values;
    try {
      values = KeyCodec.decode(types, null, key);
    } catch (RuntimeException e) {
      return StoredValue.hexKey(key);
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(text(values[i]));
    }
    return b.append(')').toString();
  }

  private static String values(Table.Index index, Object[] row) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < index.positions().length; i++) {
      b.append(i == 0 ? "" : ", ").append(text(row[index.positions()[i]]));
    }
    return b.append(')').toString();
  }

  private static String text(Object v) {
    if (v instanceof byte[] bytes) {
      return StoredValue.hexKey(bytes);
    }
    String s = String.valueOf(v);
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
