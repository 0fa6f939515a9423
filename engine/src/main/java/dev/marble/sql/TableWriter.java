package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.SequenceStore;
import dev.marble.storage.Table;
import dev.marble.storage.Transaction;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.SequenceDef;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

/**
 * Run-time side of {@link MarbleModify}: turns input rows into checked writes of the statement's
 * transaction and returns the row count.
 *
 * <p>Input row shapes (Calcite's): INSERT: the new row; DELETE: the old row; UPDATE: the old row then
 * the new values of the updated columns. Each is followed by {@code checkCount} CHECK results.
 * Every row is checked before it is written (NOT NULL, length, precision, CHECK); a failure
 * aborts the statement, whose writes the caller then undoes.
 */
public final class TableWriter {
  private final Table table;
  private final TableModify.Operation operation;
  private final int[] updatePositions;
  private final int checkCount;
  private final List<String> checkNames;
  private final boolean upsert;
  private final boolean mergeInserts;
  /**
   * The table's identity columns, resolved on first use. The writer is shared by every execution
   * of its (cached) plan, but this is the same for all of them, so a race only computes it twice.
   */
  private volatile Identity[] identities;

  /**
   * @param checkCount all check columns after the row (for MERGE: those of the insert part, then
   *     those of the update part)
   * @param upsert an INSERT replaces the row that has the same key instead of failing
   * @param mergeInserts a MERGE input starts with the row to insert (it has WHEN NOT MATCHED)
   */
  TableWriter(Table table, TableModify.Operation operation, int[] updatePositions, int checkCount,
      List<String> checkNames, boolean upsert, boolean mergeInserts) {
    this.table = table;
    this.operation = operation;
    this.updatePositions = updatePositions;
    this.checkCount = checkCount;
    this.checkNames = checkNames;
    this.upsert = upsert;
    this.mergeInserts = mergeInserts;
  }

  /** Called by generated code. */
  public Enumerable<Long> execute(DataContext root, Enumerable<Object[]> rows) {
    Transaction tx = MarbleDataContext.session(root).transaction();
    List<Object[]> keys = MarbleDataContext.generatedKeys(root);
    int width = table.rowWidth();
    if (identities == null) {
      identities = identities(root);
    }
    long count = 0;
    java.util.Set<dev.marble.storage.ByteKey> merged = operation == TableModify.Operation.MERGE
        ? new java.util.HashSet<>() : null;
    ReferentialChecks refs = MarbleDataContext.foreignKeys(root).checksFor(MarbleDataContext.session(root), table);
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] in = e.current();
        switch (operation) {
          case INSERT -> insert(root, tx, in, 0, width, keys, refs);
          case UPDATE -> update(tx, in, 0, width + updatePositions.length, checkCount, refs);
          case DELETE -> {
            if (!delete(tx, toStorage(in, 0), refs)) {
              continue;
            }
          }
          case MERGE -> {
            if (!merge(root, tx, in, keys, merged, refs)) {
              continue;
            }
          }
          default -> throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
              operation + " is not supported on table " + table.qualifiedName());
        }
        if ((++count & 0x3FF) == 0) {
          MarbleDataContext.checkCancelled(root);
        }
      }
    }
    return Linq4j.singletonEnumerable(count);
  }

  /** Deletes a row unless a cascade of this statement deleted it already (then it does not count). */
  private boolean delete(Transaction tx, Object[] old, ReferentialChecks refs) {
    if (refs == null) {
      tx.delete(table, old);
      return true;
    }
    Object[] current = old;
    if (refs.cascaded(table, old)) {
      byte[] key = table.key(old);
      byte[] now = tx.get(table, key);
      if (now == null) {
        return false; // a cascade deleted it already
      }
      current = table.decode(key, now); // SET NULL / SET DEFAULT changed it: delete what it is now
    }
    tx.delete(table, current);
    refs.deleted(table, current);
    return true;
  }

  private void insert(DataContext root, Transaction tx, Object[] in, int offset, int checksAt,
      List<Object[]> keys, ReferentialChecks refs) {
    Object[] row = toStorage(in, offset);
    checkRow(row, in, checksAt, checkCount == 0 ? 0 : checkNames.size());
    if (upsert && tx.get(table, table.key(row)) != null) {
      byte[] key = table.key(row);
      Object[] old = table.decode(key, tx.get(table, key)); // as now, cascades of this statement included
      tx.update(table, old, row);
      if (refs != null) {
        refs.updated(table, old, row);
      }
    } else {
      tx.insert(table, row);
      if (refs != null) {
        refs.inserted(table, row);
      }
    }
    noteIdentities(root, row);
    if (keys != null) {
      keys.add(row);
    }
  }

  /** Updates the old row at {@code in[offset..]} with the SET values that follow it. */
  private void update(Transaction tx, Object[] in, int offset, int checksAt, int checks, ReferentialChecks refs) {
    int width = table.rowWidth();
    Object[] old = toStorage(in, offset);
    Object[] row = old.clone();
    for (int i = 0; i < updatePositions.length; i++) {
      row[updatePositions[i]] = storageValue(in[offset + width + i], updatePositions[i]);
    }
    checkRow(row, in, checksAt, checks);
    if (refs == null) {
      tx.update(table, old, row);
      return;
    }
    if (refs.cascaded(table, old)) {
      old = afterCascade(tx, old);
      Object[] merged = old.clone();
      for (int p : updatePositions) {
        merged[p] = row[p];
      }
      row = merged;
    }
    tx.update(table, old, row);
    refs.updated(table, old, row);
  }

  /**
   * The row as a foreign key action of this statement left it, when the statement's own change
   * of it still applies: the action changed none of the columns the statement sets (whose new
   * values were computed from the row before), and did not delete or move it.
   */
  private Object[] afterCascade(Transaction tx, Object[] old) {
    byte[] key = table.key(old);
    byte[] now = tx.get(table, key);
    Object[] current = now == null ? null : table.decode(key, now);
    boolean disjoint = current != null;
    for (int i = 0; disjoint && i < updatePositions.length; i++) {
      disjoint = java.util.Objects.deepEquals(current[updatePositions[i]], old[updatePositions[i]]);
    }
    if (!disjoint) {
      throw new SqlEngineException(SqlEngineException.Code.TRIGGERED_DATA_CHANGE, "A row of table "
          + table.qualifiedName() + " to be updated was already changed by a foreign key action of the same statement");
    }
    return current;
  }

  /**
   * One MERGE source row: update the matched target row, or insert when nothing matched. A target
   * row matched twice is an error (SQL's cardinality rule), not a silent double update.
   */
  private boolean merge(DataContext root, Transaction tx, Object[] in, List<Object[]> keys,
      java.util.Set<dev.marble.storage.ByteKey> merged, ReferentialChecks refs) {
    int width = table.rowWidth();
    int updateAt = mergeInserts ? width : 0;
    int base = updateAt + (updatePositions.length > 0 ? width + updatePositions.length : 0);
    int perPart = checkCount == 0 ? 0 : checkNames.size();
    boolean matched = updatePositions.length > 0 && targetMatched(in, updateAt);
    if (matched) {
      byte[] key = table.key(toStorage(in, updateAt));
      if (!merged.add(new dev.marble.storage.ByteKey(key))) {
        throw new SqlEngineException(SqlEngineException.Code.CARDINALITY_VIOLATION,
            "MERGE into " + table.qualifiedName() + " matched the same target row with several source rows");
      }
      update(tx, in, updateAt, base + (mergeInserts ? perPart : 0), perPart, refs);
      return true;
    }
    if (mergeInserts) {
      insert(root, tx, in, 0, base, keys, refs);
      return true;
    }
    return false;
  }

  /** Whether the target part of a MERGE row holds a row (its key columns are not NULL). */
  private boolean targetMatched(Object[] in, int offset) {
    int[] key = table.hasRowId() ? new int[] {table.columnCount()} : table.def().primaryKeyPositions();
    for (int k : key) {
      if (in[offset + k] == null) {
        return false;
      }
    }
    return true;
  }

  private Object[] toStorage(Object[] in, int offset) {
    Object[] row = new Object[table.rowWidth()];
    for (int c = 0; c < row.length; c++) {
      row[c] = storageValue(in[offset + c], c);
    }
    return row;
  }

  private Object storageValue(Object value, int column) {
    ColumnType type = column == table.columnCount() ? ColumnType.BIGINT
        : table.def().columns().get(column).type();
    return MarbleTypes.toStorage(value, type);
  }

  private void checkRow(Object[] row, Object[] in, int checksAt, int checks) {
    List<ColumnDef> columns = table.def().columns();
    for (int c = 0; c < columns.size(); c++) {
      ColumnDef col = columns.get(c);
      Object v = row[c];
      if (v == null) {
        if (!col.nullable()) {
          throw new SqlEngineException(SqlEngineException.Code.NOT_NULL_VIOLATION,
              "NULL not allowed for column " + col.name() + " of table " + table.qualifiedName());
        }
        continue;
      }
      row[c] = fitted(col, v);
    }
    for (int i = 0; i < checks; i++) {
      if (Boolean.FALSE.equals(in[checksAt + i])) {
        throw new SqlEngineException(SqlEngineException.Code.CHECK_VIOLATION,
            "Check constraint " + checkNames.get(i) + " violated in table " + table.qualifiedName());
      }
    }
  }

  /** The value as stored in {@code col}, or an error if it does not fit the column's type. */
  private Object fitted(ColumnDef col, Object v) {
    switch (col.type()) {
      case CHAR, VARCHAR -> {
        String s = (String) v;
        if (col.precision() > 0 && s.length() > col.precision()) {
          String trimmed = s.stripTrailing();
          if (trimmed.length() > col.precision()) {
            throw tooLong(col, s.length() + " characters");
          }
          return col.type() == ColumnType.CHAR ? s.substring(0, col.precision()) : trimmed;
        }
        if (col.type() == ColumnType.CHAR && s.length() < col.precision()) {
          return s + " ".repeat(col.precision() - s.length()); // CHAR(n) is blank-padded
        }
        return v;
      }
      case BINARY, VARBINARY -> {
        byte[] b = (byte[]) v;
        if (col.precision() > 0 && b.length > col.precision()) {
          throw tooLong(col, b.length + " bytes");
        }
        return v;
      }
      case DECIMAL -> {
        BigDecimal d = ((BigDecimal) v).setScale(col.scale(), java.math.RoundingMode.HALF_UP);
        if (col.precision() > 0 && d.precision() > col.precision()) {
          throw new SqlEngineException(SqlEngineException.Code.NUMERIC_OUT_OF_RANGE,
              "Value " + v + " out of range for column " + table.qualifiedName() + "." + col.name()
                  + " DECIMAL(" + col.precision() + "," + col.scale() + ")");
        }
        return d;
      }
      default -> {
        return v;
      }
    }
  }

  private SqlEngineException tooLong(ColumnDef col, String actual) {
    return new SqlEngineException(SqlEngineException.Code.STRING_TOO_LONG,
        "Value too long for column " + table.qualifiedName() + "." + col.name() + " "
            + col.type() + "(" + col.precision() + "): " + actual);
  }

  /** An identity column of the table: its position and the sequence it draws from. */
  private record Identity(int position, String key, SequenceDef def) {}

  /** The table's identity columns with their sequences (the plan's catalog version names them). */
  private Identity[] identities(DataContext root) {
    Session session = MarbleDataContext.session(root);
    List<Identity> found = new java.util.ArrayList<>();
    List<ColumnDef> columns = table.def().columns();
    for (int c = 0; c < columns.size(); c++) {
      ColumnDef col = columns.get(c);
      if (col.identity() != null) {
        SequenceDef def = session.database().catalog().schema(table.schema()).sequence(col.identity().sequence());
        if (def != null) {
          found.add(new Identity(c, SequenceStore.key(table.schema(), def.name()), def));
        }
      }
    }
    return found.toArray(new Identity[0]);
  }

  /** After an explicit value for a BY DEFAULT identity, later generated values must not collide. */
  private void noteIdentities(DataContext root, Object[] row) {
    for (Identity id : identities) {
      if (row[id.position()] instanceof Number n) {
        MarbleDataContext.session(root).database().sequences().advancePast(id.key(), id.def(), n.longValue());
      }
    }
  }
}
