package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.StorageException;
import dev.marble.storage.Table;
import dev.marble.storage.TableStore;
import dev.marble.storage.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Run-time side of {@link MarbleScan}: reads rows of one table through the statement's transaction,
 * decoding only the columns the plan needs. Plans stash one instance; it holds no per-run state.
 */
public final class TableAccess {
  private final Table table;
  private final int[] fields;
  private final ColumnType[] keyTypes;
  private final IndexIntervals index;
  /** A row of no columns in the form Calcite's code expects for a zero-field row type (LIST). */
  private static final Object NO_COLUMNS = org.apache.calcite.runtime.FlatLists.COMPARABLE_EMPTY_LIST;

  /** Per substring check: the table column, and the UTF-8 bytes it must contain. */
  private final int[] containsColumns;
  private final dev.marble.storage.Needle[] needles;

  TableAccess(Table table, int[] fields, ColumnType[] keyTypes, IndexIntervals index,
      List<MarbleScan.Contains> contains) {
    this.table = table;
    this.fields = fields;
    this.keyTypes = keyTypes;
    this.index = index;
    this.containsColumns = contains.stream().mapToInt(MarbleScan.Contains::position).toArray();
    this.needles = contains.stream().map(c -> new dev.marble.storage.Needle(c.text().getBytes(StandardCharsets.UTF_8)))
        .toArray(dev.marble.storage.Needle[]::new);
  }

  /** Whether a stored row passes every substring check (rows failing one are never decoded). */
  private boolean holdsAll(byte[] row) {
    for (int i = 0; i < containsColumns.length; i++) {
      if (!table.columnContains(row, containsColumns[i], needles[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * All rows, as the statement's transaction sees them. Rows are {@code Object[]}, or the bare
   * value when the scan outputs one column (Calcite's SCALAR row format).
   */
  public Enumerable<Object> scan(DataContext root) {
    Transaction tx = MarbleDataContext.session(root).transaction();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new CursorEnumerator(root, tx.scan(table, MarbleDataContext.readView(root),
            fields.length == 0 && containsColumns.length == 0));
      }
    };
  }

  /** Rows in the index's intervals for these bound values, in index order (see {@link IndexIntervals}). */
  public Enumerable<Object> indexScan(DataContext root, Object[] values) {
    Transaction tx = MarbleDataContext.session(root).transaction();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new CursorEnumerator(root, tx.indexScan(table, index.index(), MarbleDataContext.readView(root),
            index.compute(values), index.descending()));
      }
    };
  }

  /**
   * The rows whose keys are among the tuples in {@code keyValues} (flattened, one value per key
   * column each), each at most once, in tuple order. A tuple with a NULL, or with a value its
   * column cannot hold exactly, matches no row.
   */
  public Enumerable<Object> lookup(DataContext root, Object[] keyValues) {
    List<Object> out = new java.util.ArrayList<>();
    java.util.Set<dev.marble.storage.ByteKey> seen = new java.util.HashSet<>();
    Transaction tx = MarbleDataContext.session(root).transaction();
    tuple:
    for (int t = 0; t < keyValues.length; t += keyTypes.length) {
      Object[] values = new Object[keyTypes.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = IndexIntervals.exact(keyValues[t + i], keyTypes[i]);
        if (values[i] == null) {
          continue tuple;
        }
      }
      byte[] key = table.keyOf(values);
      if (!seen.add(new dev.marble.storage.ByteKey(key))) {
        continue;
      }
      byte[] row;
      try {
        row = tx.read(table, key, MarbleDataContext.readView(root));
      } catch (StorageException e) {
        throw named(e);
      }
      if (row != null && holdsAll(row)) {
        out.add(decode(key, row));
      }
    }
    return Linq4j.asEnumerable(out);
  }

  /** Storage names files; a user needs the table too (damage: SQLState XX001). */
  private StorageException named(StorageException e) {
    if (e.code() != StorageException.Code.CORRUPTED) {
      return e;
    }
    return new StorageException(e.code(), "Table " + table.qualifiedName() + ": " + e.getMessage(), e);
  }

  private Object decode(byte[] key, byte[] row) {
    if (fields.length == 0) {
      return NO_COLUMNS; // a keys-only scan: the row bytes are not there to decode
    }
    Object[] out = new Object[fields.length];
    table.decode(key, row, fields, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = MarbleTypes.toCalcite(out[i]);
    }
    return out.length == 1 ? out[0] : out;
  }

  private final class CursorEnumerator implements Enumerator<Object> {
    private static final int CANCEL_CHECK_MASK = 0x3FF;
    private final DataContext root;
    private final TableStore.Cursor cursor;
    private Object current;
    private int rows;

    CursorEnumerator(DataContext root, TableStore.Cursor cursor) {
      this.root = root;
      this.cursor = cursor;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      try {
        do {
          if ((++rows & CANCEL_CHECK_MASK) == 0) {
            MarbleDataContext.checkCancelled(root);
          }
          if (!cursor.next()) {
            return false;
          }
        } while (containsColumns.length > 0 && !holdsAll(cursor.value()));
      } catch (StorageException e) {
        throw named(e);
      }
      current = decode(cursor.key(), cursor.value());
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("A table cursor cannot be reset; scan again");
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
