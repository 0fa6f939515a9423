package dev.marble.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit of work: writes collect in a write set (per table, and per index) that reads of this
 * transaction see and others do not; {@link #commit()} applies them to the stores under the
 * database's commit lock.
 *
 * <p>Every change to the write set is undo-logged, so a failed statement is undone alone ({@link
 * #mark()} before it, {@link #rollbackTo} after a failure) and savepoints come for free.
 *
 * <p>Not thread-safe: one connection uses a transaction at a time.
 */
public final class Transaction {
  /** Write-set value meaning "deleted". Compared by identity. */
  private static final byte[] DELETED = new byte[0];

  /** How much of other transactions' work this one may see; see {@link #lockRow}. */
  public enum Isolation { READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE }

  private final Database database;
  private final Map<Long, TableWrites> tables = new HashMap<>();
  private final List<Undo> undo = new ArrayList<>();
  private final Isolation isolation;
  private final long lockTimeoutMillis;
  /** Commit sequence number this transaction started at; -1 under READ COMMITTED. */
  private final long snapshot;
  /** What the whole transaction reads under REPEATABLE READ / SERIALIZABLE; null otherwise. */
  private final ReadView transactionView;
  /** Set once the transaction committed or rolled back: its locks and snapshot are released. */
  private boolean finished;
  /** SERIALIZABLE only: tables this transaction scanned, and keys it looked up, per table id. */
  private final java.util.Set<Long> scannedTables = new java.util.HashSet<>();
  private final Map<Long, java.util.Set<ByteKey>> readKeys = new HashMap<>();

  Transaction(Database database, Isolation isolation, long lockTimeoutMillis, ReadView transactionView) {
    this.database = database;
    this.isolation = isolation;
    this.lockTimeoutMillis = lockTimeoutMillis;
    this.transactionView = transactionView;
    this.snapshot = transactionView == null ? -1 : transactionView.csn();
  }

  /**
   * The view a statement reads through: a fresh one per statement under READ COMMITTED, the
   * transaction's own under REPEATABLE READ and SERIALIZABLE. The caller closes it.
   */
  public ReadView openReadView() {
    return transactionView != null ? transactionView.retain() : database.openReadView();
  }

  ReadView transactionView() {
    return transactionView;
  }

  /** The row under {@code key} as a statement reading through {@code view} sees it, or null. */
  public byte[] read(Table table, byte[] key, ReadView view) {
    if (isolation == Isolation.SERIALIZABLE) {
      readKeys.computeIfAbsent(table.def().id(), t -> new java.util.HashSet<>()).add(new ByteKey(key));
    }
    return readAt(table, key, view);
  }

  /** {@link #read} without recording the read (the caller records a whole-table read). */
  byte[] readAt(Table table, byte[] key, ReadView view) {
    TableWrites w = tables.get(table.def().id());
    if (w != null) {
      byte[] v = w.rows.get(new ByteKey(key));
      if (v != null) {
        return v == DELETED ? null : v;
      }
    }
    return database.versions().resolve(table.def().id(), new ByteKey(key), table.store().get(key), view.csn());
  }

  long snapshot() {
    return snapshot;
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /**
   * The row stored under {@code key}: this transaction's own write, else the newest committed
   * row (what writers check against, whatever the snapshot), or null.
   */
  public byte[] get(Table table, byte[] key) {
    TableWrites w = tables.get(table.def().id());
    if (w != null) {
      byte[] v = w.rows.get(new ByteKey(key));
      if (v != null) {
        return v == DELETED ? null : v;
      }
    }
    return table.store().get(key);
  }

  /**
   * All rows as a statement reading through {@code view} sees them, overlaid by this transaction's
   * writes. With {@code keysOnly}, committed rows come with empty values (counting needs no more).
   */
  public TableStore.Cursor scan(Table table, ReadView view, boolean keysOnly) {
    if (isolation == Isolation.SERIALIZABLE) {
      scannedTables.add(table.def().id());
    }
    TableWrites w = tables.get(table.def().id());
    TableStore.Cursor committed = database.versions().cursor(table.def().id(), table.store(), view.csn(), keysOnly);
    if (w == null || w.rows.isEmpty()) {
      return committed;
    }
    return new OverlayCursor(committed, new LinkedHashMap<>(w.rows));
  }

  /**
   * Rows in the order of {@code index} whose ordered keys fall in {@code intervals} ({lo, hi}
   * pairs, hi null for unbounded, disjoint and sorted in scan direction), as a statement reading
   * through {@code view} sees them, this transaction's writes included. Under SERIALIZABLE it
   * counts as reading the whole table.
   */
  public TableStore.Cursor indexScan(Table table, Table.Index index, ReadView view, List<byte[][]> intervals,
      boolean descending) {
    if (isolation == Isolation.SERIALIZABLE) {
      scannedTables.add(table.def().id());
    }
    java.util.TreeMap<ByteKey, byte[]> own = new java.util.TreeMap<>();
    TableWrites w = tables.get(table.def().id());
    Map<ByteKey, byte[]> entries = w == null ? null : w.indexes.get(index.def().id());
    if (entries != null) {
      entries.forEach((k, rowKey) -> {
        if (rowKey != DELETED) {
          own.put(new ByteKey(OrderedIndex.orderedKey(k.bytes(), rowKey)), rowKey);
        }
      });
    }
    return new IndexCursor(this, table, index, view, intervals, descending, own);
  }

  /** Inserts a SQL row; fails with DUPLICATE_KEY when its key or a unique index value exists. */
  public void insert(Table table, Object[] row) {
    byte[] key = table.key(row);
    lockRow(table, key, null);
    if (get(table, key) != null) {
      throw duplicatePrimaryKey(table, row);
    }
    TableWrites w = writes(table);
    addIndexEntries(table, w, row, key);
    expectAbsent(w, key);
    put(w.rows, new ByteKey(key), table.encodeRow(row));
  }

  /** Replaces the row {@code oldRow} (as read) by {@code newRow}; the key may change. */
  public void update(Table table, Object[] oldRow, Object[] newRow) {
    byte[] oldKey = table.key(oldRow);
    byte[] newKey = table.key(newRow);
    lockRow(table, oldKey, oldRow);
    boolean keyChanged = !Arrays.equals(oldKey, newKey);
    if (keyChanged) {
      lockRow(table, newKey, null);
    }
    TableWrites w = writes(table);
    removeIndexEntries(table, w, oldRow, oldKey);
    if (keyChanged && get(table, newKey) != null) {
      throw duplicatePrimaryKey(table, newRow);
    }
    addIndexEntries(table, w, newRow, newKey);
    if (keyChanged) {
      expectAbsent(w, newKey);
      put(w.rows, new ByteKey(oldKey), DELETED);
    }
    put(w.rows, new ByteKey(newKey), table.encodeRow(newRow));
  }

  public void delete(Table table, Object[] oldRow) {
    byte[] key = table.key(oldRow);
    lockRow(table, key, oldRow);
    TableWrites w = writes(table);
    removeIndexEntries(table, w, oldRow, key);
    put(w.rows, new ByteKey(key), DELETED);
  }

  /**
   * Locks a row this transaction does not write but relies on until it commits (the row a new
   * foreign key value references): a transaction deleting or changing it waits for this one, and
   * this one waits for such a transaction in flight. Returns the row as of now (this
   * transaction's write, else the newest commit), or null when it is gone.
   */
  public byte[] lockAndGet(Table table, byte[] key) {
    database.locks().lock(this, table, key, lockTimeoutMillis);
    return get(table, key);
  }

  /**
   * Locks a row this transaction is about to write (waiting for a concurrent writer to finish),
   * then makes sure the row is still what the statement read ({@code expected}, null for a new
   * key). Under READ COMMITTED a row a concurrent commit changed meanwhile fails with ROW_CHANGED,
   * which restarts the statement on fresh data; under REPEATABLE READ and SERIALIZABLE any change
   * committed after this transaction began is a SERIALIZATION_FAILURE (first committer wins). So a
   * lost update cannot happen at any level.
   */
  private void lockRow(Table table, byte[] key, Object[] expected) {
    lockRow(table, key, expected, lockTimeoutMillis);
  }

  /**
   * Locks a row a locking read (SELECT ... FOR UPDATE) returned, exactly as a write of it would:
   * the same lock, and the same check that {@code row} (as read) is still the newest committed
   * version. With {@code nowait} a row another transaction holds fails at once with LOCK_TIMEOUT.
   */
  public void lockForUpdate(Table table, Object[] row, boolean nowait) {
    lockRow(table, table.key(row), row, nowait ? 0 : lockTimeoutMillis);
  }

  private void lockRow(Table table, byte[] key, Object[] expected, long timeoutMillis) {
    database.locks().lock(this, table, key, timeoutMillis);
    if (snapshot >= 0 && database.changedSince(table.def().id(), key, snapshot)) {
      throw serializationFailure(table);
    }
    if (expected != null) {
      byte[] current = get(table, key);
      if (current == null || !Arrays.deepEquals(table.decode(key, current), expected)) {
        if (isolation != Isolation.READ_COMMITTED) {
          throw serializationFailure(table);
        }
        throw new StorageException(StorageException.Code.ROW_CHANGED,
            "A row of table " + table.qualifiedName() + " changed while the statement ran");
      }
    }
  }

  private static StorageException serializationFailure(Table table) {
    return new StorageException(StorageException.Code.SERIALIZATION_FAILURE, "A row of table "
        + table.qualifiedName() + " was changed by a transaction that committed after this one began; "
        + "retry the transaction");
  }

  /** Position in the undo log; {@link #rollbackTo} with it undoes everything done since. */
  public int mark() {
    return undo.size();
  }

  public void rollbackTo(int mark) {
    for (int i = undo.size() - 1; i >= mark; i--) {
      Undo u = undo.remove(i);
      if (u.previous == null) {
        u.map.remove(u.key);
      } else {
        u.map.put(u.key, u.previous);
      }
    }
  }

  public void rollback() {
    tables.clear();
    undo.clear();
    finish();
  }

  private void finish() {
    if (!finished) {
      finished = true;
      database.finished(this);
    }
  }

  /**
   * Applies the write set: re-checks keys and unique values against what other transactions
   * committed meanwhile, then writes the stores. Leaves the transaction empty and reusable.
   */
  public void commit() {
    try {
      if (!tables.isEmpty()) {
        database.commit(this);
      }
    } finally {
      tables.clear();
      undo.clear();
      finish();
    }
  }

  /**
   * Before the stores change: records each row's committed value for open snapshots. Keys this
   * transaction inserted new were absent (the commit checked), so they need no lookup.
   */
  void recordPreviousVersions(Versions versions, long csn) {
    for (TableWrites w : tables.values()) {
      long table = w.table.def().id();
      for (ByteKey key : w.rows.keySet()) {
        byte[] previous = w.expectAbsent.contains(key) ? null : w.table.store().get(key.bytes());
        versions.recordChange(table, key, csn, previous);
      }
    }
  }

  /** Keys of every row this transaction writes, per table id (for the commit sequence record). */
  Map<Long, java.util.Set<ByteKey>> writtenKeys() {
    Map<Long, java.util.Set<ByteKey>> keys = new HashMap<>();
    tables.forEach((id, w) -> keys.put(id, w.rows.keySet()));
    return keys;
  }

  /**
   * SERIALIZABLE: fails unless nothing this transaction read changed after its snapshot (backward
   * validation). Then reading at commit time would have given the same results, so the
   * transaction is equivalent to running all at once at its commit: no write skew, no phantom.
   * A scanned table counts as read whole. Commit lock held.
   */
  void validateReads() {
    if (isolation != Isolation.SERIALIZABLE) {
      return;
    }
    for (long table : scannedTables) {
      if (database.tableChangedSince(table, snapshot)) {
        throw readChanged("a table it scanned");
      }
    }
    readKeys.forEach((table, keys) -> {
      for (ByteKey key : keys) {
        if (database.changedSince(table, key.bytes(), snapshot)) {
          throw readChanged("a row it read");
        }
      }
    });
  }

  private static StorageException readChanged(String what) {
    return new StorageException(StorageException.Code.SERIALIZATION_FAILURE, "This SERIALIZABLE transaction cannot "
        + "commit: a transaction that committed after it began changed " + what + "; retry the transaction");
  }

  /** Called by the database with its commit lock held. */
  void verifyAgainstCommitted() {
    for (TableWrites w : tables.values()) {
      for (Map.Entry<ByteKey, byte[]> e : w.rows.entrySet()) {
        if (e.getValue() != DELETED && w.expectAbsent.contains(e.getKey())
            && w.table.store().containsKey(e.getKey().bytes())) {
          throw duplicatePrimaryKey(w.table, w.table.decode(e.getKey().bytes(), e.getValue()));
        }
      }
      for (Table.Index index : w.table.indexes()) {
        Map<ByteKey, byte[]> entries = w.indexes.get(index.def().id());
        if (entries == null || !index.def().unique()) {
          continue;
        }
        for (Map.Entry<ByteKey, byte[]> e : entries.entrySet()) {
          if (e.getValue() == DELETED) {
            continue;
          }
          byte[] owner = index.store().get(e.getKey().bytes());
          if (owner != null && !Arrays.equals(owner, e.getValue())
              && !w.rows.containsKey(new ByteKey(owner))) {
            throw duplicateIndexValue(w.table, index);
          }
        }
      }
    }
  }

  /**
   * The redo record of this transaction: full images of every row and index entry it writes, so
   * replaying it any number of times leaves the same state.
   */
  byte[] redoRecord() {
    List<RedoRecord.Op> ops = new ArrayList<>();
    for (TableWrites w : tables.values()) {
      long table = w.table.def().id();
      w.rows.forEach((k, v) -> ops.add(v == DELETED ? RedoRecord.Op.delete(table, k.bytes())
          : RedoRecord.Op.put(table, k.bytes(), v)));
      w.indexes.forEach((index, entries) -> entries.forEach((k, v) -> ops.add(v == DELETED
          ? RedoRecord.Op.delete(index, k.bytes()) : RedoRecord.Op.put(index, k.bytes(), v))));
    }
    return RedoRecord.encode(ops);
  }

  /** Called by the database with its commit lock held, after {@link #verifyAgainstCommitted}. */
  void applyToStores(long csn) {
    for (TableWrites w : tables.values()) {
      TableStore store = w.table.store();
      for (Map.Entry<ByteKey, byte[]> e : w.rows.entrySet()) {
        if (e.getValue() == DELETED) {
          store.remove(e.getKey().bytes());
        } else {
          store.put(e.getKey().bytes(), e.getValue());
        }
      }
      for (Table.Index index : w.table.indexes()) {
        Map<ByteKey, byte[]> entries = w.indexes.get(index.def().id());
        if (entries == null) {
          continue;
        }
        for (Map.Entry<ByteKey, byte[]> e : entries.entrySet()) {
          if (e.getValue() == DELETED) {
            index.remove(e.getKey().bytes(), csn);
          } else {
            index.put(e.getKey().bytes(), e.getValue(), csn);
          }
        }
      }
    }
  }

  private TableWrites writes(Table table) {
    TableWrites w = tables.computeIfAbsent(table.def().id(), id -> new TableWrites(table));
    w.table = table; // the newest view of the table (same store) encodes with the current layout
    return w;
  }

  private static void expectAbsent(TableWrites w, byte[] key) {
    ByteKey k = new ByteKey(key);
    if (!w.rows.containsKey(k)) {
      w.expectAbsent.add(k);
    }
  }

  private void addIndexEntries(Table table, TableWrites w, Object[] row, byte[] key) {
    for (Table.Index index : table.indexes()) {
      byte[] entryKey = index.entryKey(row, key);
      Map<ByteKey, byte[]> entries = w.indexes.computeIfAbsent(index.def().id(), id -> new HashMap<>());
      ByteKey k = new ByteKey(entryKey);
      if (index.enforcesUnique(row)) {
        byte[] owner = entries.get(k);
        if (owner == null) {
          owner = index.store().get(entryKey);
        }
        if (owner != null && owner != DELETED && !Arrays.equals(owner, key)) {
          throw duplicateIndexValue(table, index);
        }
      }
      put(entries, k, key);
    }
  }

  private void removeIndexEntries(Table table, TableWrites w, Object[] row, byte[] key) {
    for (Table.Index index : table.indexes()) {
      Map<ByteKey, byte[]> entries = w.indexes.computeIfAbsent(index.def().id(), id -> new HashMap<>());
      put(entries, new ByteKey(index.entryKey(row, key)), DELETED);
    }
  }

  private void put(Map<ByteKey, byte[]> map, ByteKey key, byte[] value) {
    byte[] previous = map.put(key, value);
    undo.add(new Undo(map, key, previous));
  }

  private static StorageException duplicatePrimaryKey(Table table, Object[] row) {
    String what = table.hasRowId() ? "row id" : "primary key";
    int[] pk = table.def().primaryKeyPositions();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < pk.length; i++) {
      values.append(i == 0 ? "" : ", ").append(table.def().columns().get(pk[i]).name())
          .append('=').append(row[pk[i]]);
    }
    return new StorageException(StorageException.Code.DUPLICATE_KEY,
        "Duplicate " + what + " in table " + table.qualifiedName() + ": (" + values + ") already exists");
  }

  private static StorageException duplicateIndexValue(Table table, Table.Index index) {
    String name = index.def().constraint() != null ? index.def().constraint() : index.def().name();
    return new StorageException(StorageException.Code.DUPLICATE_KEY,
        "Unique constraint " + name + " violated in table " + table.qualifiedName() + ": columns "
            + index.columnNames(table.def()) + " already hold these values");
  }

  private static final class TableWrites {
    Table table;
    final Map<ByteKey, byte[]> rows = new LinkedHashMap<>();
    final Map<Long, Map<ByteKey, byte[]>> indexes = new HashMap<>();
    /** Keys this transaction inserted that were absent from the store when first written. */
    final java.util.Set<ByteKey> expectAbsent = new java.util.HashSet<>();

    TableWrites(Table table) {
      this.table = table;
    }
  }

  private record Undo(Map<ByteKey, byte[]> map, ByteKey key, byte[] previous) {}

  /** Committed rows minus those this transaction wrote, then this transaction's live rows. */
  private static final class OverlayCursor implements TableStore.Cursor {
    private final TableStore.Cursor committed;
    private final Map<ByteKey, byte[]> writes;
    private Iterator<Map.Entry<ByteKey, byte[]>> own;
    private byte[] key;
    private byte[] value;

    OverlayCursor(TableStore.Cursor committed, Map<ByteKey, byte[]> writes) {
      this.committed = committed;
      this.writes = writes;
    }

    @Override
    public boolean next() {
      if (own == null) {
        while (committed.next()) {
          if (!writes.containsKey(new ByteKey(committed.key()))) {
            key = committed.key();
            value = committed.value();
            return true;
          }
        }
        own = writes.entrySet().iterator();
      }
      while (own.hasNext()) {
        Map.Entry<ByteKey, byte[]> e = own.next();
        if (e.getValue() != DELETED) {
          key = e.getKey().bytes();
          value = e.getValue();
          return true;
        }
      }
      return false;
    }

    @Override
    public byte[] key() {
      return key;
    }

    @Override
    public byte[] value() {
      return value;
    }

    @Override
    public void close() {
      committed.close();
    }
  }
}
