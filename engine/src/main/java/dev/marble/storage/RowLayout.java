package dev.marble.storage;

import java.util.Arrays;

/**
 * One schema version of a table's rows: the column types in physical order, with the offsets
 * {@link RowCodec} uses precomputed. Immutable and thread-safe.
 *
 * <p>Fixed-width columns (see {@link ColumnType#fixedWidth()}) live in the fixed area at {@link
 * #fixedOffset(int)}, in column order; every other column is variable-width and has an index into
 * the row's offset table ({@link #varIndex(int)}).
 */
public final class RowLayout {
  private final int version;
  private final ColumnType[] types;
  private final int[] fixedOffset; // offset within the fixed area, or -1
  private final int[] varIndex; // index among variable columns, or -1
  private final int fixedAreaSize;
  private final int varCount;
  private final int bitmapSize;

  public RowLayout(int version, ColumnType[] types) {
    if (version < 0) {
      throw new IllegalArgumentException("negative schema version " + version);
    }
    this.version = version;
    this.types = types.clone();
    int n = types.length;
    fixedOffset = new int[n];
    varIndex = new int[n];
    int off = 0;
    int vars = 0;
    for (int i = 0; i < n; i++) {
      ColumnType t = types[i];
      if (t == null) {
        throw new IllegalArgumentException("column " + i + " has no type");
      }
      if (t.isFixedWidth()) {
        fixedOffset[i] = off;
        varIndex[i] = -1;
        off += t.fixedWidth();
      } else {
        fixedOffset[i] = -1;
        varIndex[i] = vars++;
      }
    }
    fixedAreaSize = off;
    varCount = vars;
    bitmapSize = (n + 7) >>> 3;
  }

  public int version() {
    return version;
  }

  public int columnCount() {
    return types.length;
  }

  public ColumnType type(int column) {
    return types[column];
  }

  public ColumnType[] types() {
    return types.clone();
  }

  /** Offset of a fixed-width column inside the fixed area, or -1 for a variable-width column. */
  public int fixedOffset(int column) {
    return fixedOffset[column];
  }

  /** Index of a variable-width column in the offset table, or -1 for a fixed-width column. */
  public int varIndex(int column) {
    return varIndex[column];
  }

  public int fixedAreaSize() {
    return fixedAreaSize;
  }

  public int varCount() {
    return varCount;
  }

  public int bitmapSize() {
    return bitmapSize;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowLayout l && l.version == version && Arrays.equals(l.types, types);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(types);
  }

  @Override
  public String toString() {
    return "RowLayout{v" + version + " " + Arrays.toString(types) + "}";
  }
}
