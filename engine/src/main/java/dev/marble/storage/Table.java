package dev.marble.storage;

import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ValueText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table as one catalog version sees it: its definition, its store and the codecs between SQL rows
 * ({@code Object[]} in column order, engine value classes) and stored bytes.
 *
 * <p>A row of a table without a primary key carries one extra trailing element, the hidden row id
 * ({@code _ROWID_}), which is its key. Rows stored under an older layout decode through that layout:
 * columns added since read as their fill value, dropped columns are skipped.
 */
public final class Table {
  private final String schema;
  private final TableDef def;
  private final TableStore store;
  private final List<Index> indexes;
  private final RowLayout current;
  private final ColumnType[] keyTypes;
  private final int[] keyPositions;
  /** Per layout version: for each current column position, its physical index there or -1. */
  private final int[][] physical;
  private final RowLayout[] layouts;
  private final Object[] fill;

  Table(String schema, TableDef def, TableStore store, List<Index> indexes) {
    this.schema = schema;
    this.def = def;
    this.store = store;
    this.indexes = List.copyOf(indexes);
    int n = def.columns().size();
    this.layouts = new RowLayout[def.layouts().size()];
    this.physical = new int[layouts.length][];
    for (int v = 0; v < layouts.length; v++) {
      List<Integer> ids = def.layouts().get(v).columnIds();
      layouts[v] = new RowLayout(v, def.layouts().get(v).types().toArray(new ColumnType[0]));
      physical[v] = new int[n];
      for (int c = 0; c < n; c++) {
        physical[v][c] = ids.indexOf(def.columns().get(c).id());
      }
    }
    this.current = layouts[layouts.length - 1];
    this.fill = new Object[n];
    for (int c = 0; c < n; c++) {
      ColumnDef col = def.columns().get(c);
      fill[c] = ValueText.fromText(col.type(), col.fillValue());
    }
    this.keyPositions = def.primaryKeyPositions();
    this.keyTypes = keyPositions.length == 0
        ? new ColumnType[] {ColumnType.BIGINT}
        : Arrays.stream(keyPositions).mapToObj(p -> def.columns().get(p).type())
            .toArray(ColumnType[]::new);
  }

  public String schema() {
    return schema;
  }

  public String name() {
    return def.name();
  }

  public String qualifiedName() {
    return schema + "." + def.name();
  }

  public TableDef def() {
    return def;
  }

  public TableStore store() {
    return store;
  }

  public List<Index> indexes() {
    return indexes;
  }

  public int columnCount() {
    return def.columns().size();
  }

  /** Whether rows carry a trailing hidden row id (the table has no primary key). */
  public boolean hasRowId() {
    return keyPositions.length == 0;
  }

  /** Width of a SQL row of this table: the columns, plus one for the hidden row id. */
  public int rowWidth() {
    return columnCount() + (hasRowId() ? 1 : 0);
  }

  public byte[] encodeRow(Object[] row) {
    Object[] values = row.length == columnCount() ? row : Arrays.copyOf(row, columnCount());
    return RowCodec.encode(current, values);
  }

  public byte[] key(Object[] row) {
    if (hasRowId()) {
      return KeyCodec.encode(keyTypes, null, new Object[] {row[columnCount()]});
    }
    Object[] values = new Object[keyPositions.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = row[keyPositions[i]];
    }
    return KeyCodec.encode(keyTypes, null, values);
  }

  /** Encodes a key from the key columns' values (or the row id alone). */
  public byte[] keyOf(Object... keyValues) {
    return KeyCodec.encode(keyTypes, null, keyValues);
  }

  /** Decodes the whole SQL row (with the row id for key-less tables). */
  public Object[] decode(byte[] key, byte[] bytes) {
    Object[] out = new Object[rowWidth()];
    int version = RowCodec.version(bytes);
    int[] phys = physicalOf(version);
    RowLayout layout = layouts[version];
    for (int c = 0; c < phys.length; c++) {
      out[c] = phys[c] < 0 ? fill[c] : RowCodec.decode(layout, bytes, phys[c]);
    }
    if (hasRowId()) {
      out[columnCount()] = KeyCodec.decode(keyTypes, null, key)[0];
    }
    return out;
  }

  /**
   * Decodes only the given columns into {@code out} (same length as {@code positions}); a position
   * equal to {@link #columnCount()} asks for the hidden row id.
   */
  public void decode(byte[] key, byte[] bytes, int[] positions, Object[] out) {
    int version = RowCodec.version(bytes);
    int[] phys = physicalOf(version);
    RowLayout layout = layouts[version];
    for (int i = 0; i < positions.length; i++) {
      int c = positions[i];
      if (c == phys.length) {
        out[i] = KeyCodec.decode(keyTypes, null, key)[0];
      } else {
        out[i] = phys[c] < 0 ? fill[c] : RowCodec.decode(layout, bytes, phys[c]);
      }
    }
  }

  /**
   * Whether text or binary column {@code position} of a stored row contains {@code needle}, read
   * from the stored bytes (see {@link RowCodec#contains}); a column added after the row was
   * written is checked in its fill value.
   */
  public boolean columnContains(byte[] bytes, int position, Needle needle) {
    int version = RowCodec.version(bytes);
    int phys = physicalOf(version)[position];
    if (phys < 0) {
      Object v = fill[position];
      byte[] b = v instanceof String str ? str.getBytes(java.nio.charset.StandardCharsets.UTF_8) : (byte[]) v;
      return b != null && needle.indexIn(b, 0, b.length) >= 0;
    }
    return RowCodec.contains(layouts[version], bytes, phys, needle);
  }

  private int[] physicalOf(int version) {
    if (version < 0 || version >= physical.length) {
      throw new StorageException(StorageException.Code.CORRUPTED,
          "Row of table " + qualifiedName() + " has unknown layout version " + version);
    }
    return physical[version];
  }

  /**
   * A secondary or unique index of this table: its hash store (entry key to row key: uniqueness
   * and point lookups) and its {@link OrderedIndex} (ranges and order), kept in step by
   * {@link #put} and {@link #remove}.
   */
  public record Index(IndexDef def, TableStore store, OrderedIndex ordered, int[] positions, ColumnType[] types,
      boolean[] descending) {
    static Index of(TableDef table, IndexDef def, TableStore store, OrderedIndex ordered) {
      int[] positions = def.columns().stream().mapToInt(table::position).toArray();
      ColumnType[] types = new ColumnType[positions.length];
      boolean[] desc = new boolean[positions.length];
      for (int i = 0; i < positions.length; i++) {
        types[i] = table.columns().get(positions[i]).type();
        desc[i] = def.descending() != null && i < def.descending().size() && def.descending().get(i);
      }
      return new Index(def, store, ordered, positions, types, desc);
    }

    /**
     * Points {@code entryKey} at {@code rowKey} in both stores. In a unique index the entry may
     * have pointed at another row (deleted in the same commit): that row's ordered entry is marked
     * removed by commit {@code csn}.
     */
    public void put(byte[] entryKey, byte[] rowKey, long csn) {
      byte[] old = store.get(entryKey);
      store.put(entryKey, rowKey);
      if (old != null && !Arrays.equals(old, rowKey)) {
        ordered.remove(entryKey, old, csn);
      }
      ordered.add(entryKey, rowKey);
    }

    /** Removes {@code entryKey} from both stores (commit {@code csn}); absent is fine (replay). */
    public void remove(byte[] entryKey, long csn) {
      byte[] old = store.get(entryKey);
      if (old != null) {
        store.remove(entryKey);
        ordered.remove(entryKey, old, csn);
      }
    }

    void clear() {
      store.clear();
      ordered.clear();
    }

    /**
     * After a new, unpublished index's hash store was filled directly: sorts its ordered side
     * from that store in one go (cheaper than adding entries one by one and folding). Commits
     * paused, no reader yet.
     */
    public void sortAfterFill() {
      ordered.rebuildFrom(store);
    }

    /**
     * The entry key of a row: the indexed values, followed by the row key when duplicates are
     * allowed (non-unique index, or a NULL in a unique one: SQL allows many NULLs).
     */
    public byte[] entryKey(Object[] row, byte[] rowKey) {
      Object[] values = new Object[positions.length];
      for (int i = 0; i < positions.length; i++) {
        values[i] = row[positions[i]];
      }
      return entryKeyOfValues(values, rowKey);
    }

    /** {@link #entryKey} from the indexed values alone, in index column order. */
    public byte[] entryKeyOfValues(Object[] values, byte[] rowKey) {
      boolean hasNull = false;
      for (Object v : values) {
        hasNull |= v == null;
      }
      byte[] k = KeyCodec.encode(types, descending, values);
      if (def.unique() && !hasNull) {
        return k;
      }
      byte[] both = Arrays.copyOf(k, k.length + rowKey.length);
      System.arraycopy(rowKey, 0, both, k.length, rowKey.length);
      return both;
    }

    /** Whether an entry key of this row is checked for uniqueness. */
    public boolean enforcesUnique(Object[] row) {
      if (!def.unique()) {
        return false;
      }
      for (int p : positions) {
        if (row[p] == null) {
          return false;
        }
      }
      return true;
    }

    public List<String> columnNames(TableDef table) {
      List<String> names = new ArrayList<>();
      for (int p : positions) {
        names.add(table.columns().get(p).name());
      }
      return names;
    }
  }
}
