package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.StorageException;
import dev.marble.storage.Table;
import dev.marble.storage.Transaction;
import dev.marble.storage.catalog.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * SELECT ... FOR UPDATE: the query is planned with the full row of every locked table appended as
 * hidden columns; at run time each returned row's table rows are locked with the writer's row
 * locks ({@link Transaction#lockForUpdate}), which also checks that the row is still the one read
 * (READ COMMITTED restarts the query on fresh data, REPEATABLE READ fails with a serialization
 * failure), so the rows the caller sees are the locked, newest committed ones.
 *
 * <p>Exactly the rows returned are locked, which needs each result row to come from one row per
 * table: DISTINCT, GROUP BY, aggregates, set operations and FROM items other than tables are
 * refused. A table on the outer side of a join contributes no lock where it matched nothing.
 */
final class RowLocking {
  /** A locked table and where its hidden row starts in a result row. */
  record Target(Table table, int offset) {}

  private static final String HIDDEN = "MARBLE$LOCKED$";

  private final List<Target> targets;
  private final int visible;
  private final boolean nowait;

  private RowLocking(List<Target> targets, int visible, boolean nowait) {
    this.targets = targets;
    this.visible = visible;
    this.nowait = nowait;
  }

  /** A FROM item the query locks: its table and the alias its columns are reached by. */
  record Locked(Table table, String alias) {}

  /**
   * Appends the hidden rows to {@code query} (changed in place) and returns the tables locked, in
   * the order their rows follow the visible columns.
   *
   * @param resolve the Marble table a FROM name denotes, or null for a view or other relation
   */
  static List<Locked> rewrite(SqlNode query, LockClause clause, Function<SqlIdentifier, Table> resolve) {
    SqlSelect select = select(query);
    List<Locked> all = new ArrayList<>();
    fromItems(select.getFrom(), resolve, all);
    List<Locked> locked = new ArrayList<>();
    for (String name : clause.tables()) {
      Locked match = all.stream().filter(l -> l.alias().equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "FOR UPDATE OF " + name + ": no table in FROM has that name or alias"));
      if (!locked.contains(match)) {
        locked.add(match);
      }
    }
    if (clause.tables().isEmpty()) {
      locked.addAll(all);
    }
    int n = 0;
    for (Locked l : locked) {
      for (String column : columnNames(l.table())) {
        SqlIdentifier ref = new SqlIdentifier(List.of(l.alias(), column), SqlParserPos.ZERO);
        select.getSelectList().add(SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, ref,
            new SqlIdentifier(HIDDEN + n++, SqlParserPos.ZERO)));
      }
    }
    return locked;
  }

  /** The lock plan of a rewritten query whose result has {@code fieldCount} columns in all. */
  static RowLocking of(List<Locked> locked, int fieldCount, boolean nowait) {
    int hidden = locked.stream().mapToInt(l -> l.table().rowWidth()).sum();
    int offset = fieldCount - hidden;
    List<Target> targets = new ArrayList<>();
    for (Locked l : locked) {
      targets.add(new Target(l.table(), offset));
      offset += l.table().rowWidth();
    }
    return new RowLocking(List.copyOf(targets), fieldCount - hidden, nowait);
  }

  /** The SELECT a locking clause applies to, or 0A000 for any other query shape. */
  static SqlSelect select(SqlNode query) {
    SqlNode body = query instanceof SqlOrderBy orderBy ? orderBy.query : query;
    if (!(body instanceof SqlSelect select)) {
      throw notSupported("a " + body.getKind() + " (only a SELECT from tables can lock its rows)");
    }
    if (select.isDistinct()) {
      throw notSupported("SELECT DISTINCT (a result row may stand for several table rows)");
    }
    if (select.getFrom() == null) {
      throw notSupported("a SELECT without FROM");
    }
    return select;
  }

  /** Refuses a query whose result rows do not each come from one row per table. */
  static void checkNotAggregate(boolean aggregate) {
    if (aggregate) {
      throw notSupported("GROUP BY or aggregate functions (a result row stands for several table rows)");
    }
  }

  private static void fromItems(SqlNode from, Function<SqlIdentifier, Table> resolve, List<Locked> out) {
    if (from instanceof SqlJoin join) {
      fromItems(join.getLeft(), resolve, out);
      fromItems(join.getRight(), resolve, out);
      return;
    }
    SqlNode relation = from;
    String alias = null;
    if (from.getKind() == SqlKind.AS) {
      List<SqlNode> operands = ((SqlCall) from).getOperandList();
      relation = operands.get(0);
      alias = ((SqlIdentifier) operands.get(1)).getSimple();
      if (operands.size() > 2) {
        throw notSupported("a FROM item with column aliases (" + alias + ")");
      }
    }
    if (!(relation instanceof SqlIdentifier name)) {
      throw notSupported("a FROM item that is no table (" + relation.getKind() + ")");
    }
    Table table = resolve.apply(name);
    if (table == null) {
      throw notSupported("view " + name + " (lock the rows of its tables instead)");
    }
    out.add(new Locked(table, alias != null ? alias : name.names.get(name.names.size() - 1)));
  }

  private static List<String> columnNames(Table table) {
    List<String> names = new ArrayList<>();
    for (ColumnDef c : table.def().columns()) {
      names.add(c.name());
    }
    if (table.hasRowId()) {
      names.add(MarbleTable.ROWID);
    }
    return names;
  }

  private static SqlEngineException notSupported(String what) {
    return new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
        "FOR UPDATE cannot lock the rows of " + what);
  }

  int visible() {
    return visible;
  }

  /**
   * Locks the table rows behind one result row (Calcite values).
   *
   * @throws StorageException ROW_CHANGED (restart the query), SERIALIZATION_FAILURE, DEADLOCK,
   *     LOCK_TIMEOUT
   * @throws SqlEngineException LOCK_NOT_AVAILABLE for NOWAIT
   */
  void lock(Transaction tx, Object[] row) {
    for (Target t : targets) {
      Object[] stored = storageRow(t, row);
      if (stored == null) {
        continue; // the outer side of a join that matched nothing
      }
      try {
        tx.lockForUpdate(t.table(), stored, nowait);
      } catch (StorageException e) {
        if (nowait && e.code() == StorageException.Code.LOCK_TIMEOUT) {
          throw new SqlEngineException(SqlEngineException.Code.LOCK_NOT_AVAILABLE, "A row of table "
              + t.table().qualifiedName() + " is locked by another transaction (FOR UPDATE NOWAIT)", e);
        }
        throw e;
      }
    }
  }

  /** The visible columns of a result row. */
  Object[] strip(Object[] row) {
    return row.length == visible ? row : java.util.Arrays.copyOf(row, visible);
  }

  /** The table row as stored, or null when its key is NULL (no row joined). */
  private static Object[] storageRow(Target t, Object[] row) {
    Table table = t.table();
    Object[] stored = new Object[table.rowWidth()];
    for (int c = 0; c < stored.length; c++) {
      ColumnType type = c == table.columnCount() ? ColumnType.BIGINT : table.def().columns().get(c).type();
      stored[c] = MarbleTypes.toStorage(row[t.offset() + c], type);
    }
    int[] key = table.hasRowId() ? new int[] {table.columnCount()} : table.def().primaryKeyPositions();
    for (int k : key) {
      if (stored[k] == null) {
        return null;
      }
    }
    return stored;
  }
}
