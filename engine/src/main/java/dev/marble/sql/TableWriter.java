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

  TableWriter(Table table, TableModify.Operation operation, int[] updatePositions, int checkCount,
      List<String> checkNames) {
    this.table = table;
    this.operation = operation;
    this.updatePositions = updatePositions;
    this.checkCount = checkCount;
    this.checkNames = checkNames;
  }

  /** Called by generated code. */
  public Enumerable<Long> execute(DataContext root, Enumerable<Object[]> rows) {
    Transaction tx = MarbleDataContext.session(root).transaction();
    List<Object[]> keys = MarbleDataContext.generatedKeys(root);
    int width = table.rowWidth();
    long count = 0;
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] in = e.current();
        switch (operation) {
          case INSERT -> {
            Object[] row = toStorage(in, 0);
            checkRow(row, in, width);
            tx.insert(table, row);
            noteIdentities(root, row);
            if (keys != null) {
              keys.add(row);
            }
          }
          case UPDATE -> {
            Object[] old = toStorage(in, 0);
            Object[] row = old.clone();
            for (int i = 0; i < updatePositions.length; i++) {
              row[updatePositions[i]] = storageValue(in[width + i], updatePositions[i]);
            }
            checkRow(row, in, width + updatePositions.length);
            tx.update(table, old, row);
          }
          case DELETE -> tx.delete(table, toStorage(in, 0));
          default -> throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
              operation + " is not supported on table " + table.qualifiedName());
        }
        count++;
      }
    }
    return Linq4j.singletonEnumerable(count);
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

  private void checkRow(Object[] row, Object[] in, int checksAt) {
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
    for (int i = 0; i < checkCount; i++) {
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

  /** After an explicit value for a BY DEFAULT identity, later generated values must not collide. */
  private void noteIdentities(DataContext root, Object[] row) {
    List<ColumnDef> columns = table.def().columns();
    for (int c = 0; c < columns.size(); c++) {
      ColumnDef col = columns.get(c);
      if (col.identity() != null && row[c] instanceof Number n) {
        SequenceDef def = MarbleDataContext.session(root).database().catalog().schema(table.schema())
            .sequence(col.identity().sequence());
        if (def != null) {
          MarbleDataContext.session(root).database().sequences()
              .advancePast(SequenceStore.key(table.schema(), def.name()), def, n.longValue());
        }
      }
    }
  }
}
