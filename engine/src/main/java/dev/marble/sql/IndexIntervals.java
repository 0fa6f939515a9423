package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.KeyCodec;
import dev.marble.storage.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Run-time side of an {@link IndexAccess}: turns the bound values of a plan into intervals of
 * ordered index keys, sorted in scan direction and merged where they overlap (an IN list with a
 * value twice reads it once).
 *
 * <p>Values arrive flattened: the equality tuples first ({@code tupleWidth} values each), then a
 * low and a high slot per range (slot -1: no bound). A value that cannot be stored in the column's
 * type exactly (an INTEGER column compared with 1e10) matches no row in an equality and is
 * dropped from a range, which only widens it: the filter above the scan decides.
 */
public final class IndexIntervals {
  private final Table.Index index;
  private final int tuples;
  private final int tupleWidth;
  /** Per range: low slot, high slot (-1: none). */
  private final int[][] rangeSlots;
  private final boolean[][] rangeInclusive;
  private final boolean descending;

  IndexIntervals(Table.Index index, int tuples, int tupleWidth, int[][] rangeSlots, boolean[][] rangeInclusive,
      boolean descending) {
    this.index = index;
    this.tuples = tuples;
    this.tupleWidth = tupleWidth;
    this.rangeSlots = rangeSlots;
    this.rangeInclusive = rangeInclusive;
    this.descending = descending;
  }

  Table.Index index() {
    return index;
  }

  boolean descending() {
    return descending;
  }

  /** {lo, hi} pairs (hi null: unbounded) in scan order. */
  List<byte[][]> compute(Object[] values) {
    List<byte[][]> out = new ArrayList<>();
    ColumnType[] types = index.types();
    boolean[] desc = index.descending();
    tuple:
    for (int t = 0; t < tuples; t++) {
      Object[] eq = new Object[tupleWidth];
      for (int c = 0; c < tupleWidth; c++) {
        eq[c] = exact(values[t * tupleWidth + c], types[c]);
        if (eq[c] == null) {
          continue tuple; // col = NULL, or a value the column cannot hold: no row matches
        }
      }
      byte[] prefix = KeyCodec.encode(Arrays.copyOf(types, tupleWidth), Arrays.copyOf(desc, tupleWidth), eq);
      if (rangeSlots.length == 0) {
        out.add(new byte[][] {prefix, successor(prefix)});
        continue;
      }
      for (int r = 0; r < rangeSlots.length; r++) {
        byte[][] interval = range(prefix, values, r, types[tupleWidth], desc[tupleWidth]);
        if (interval != null) {
          out.add(interval);
        }
      }
    }
    return merged(out);
  }

  /** One range on the column after the prefix; null when it is empty. */
  private byte[][] range(byte[] prefix, Object[] values, int r, ColumnType type, boolean desc) {
    byte[] lo = null;
    byte[] hi = null;
    boolean[] incl = rangeInclusive[r];
    for (int side = 0; side < 2; side++) {
      int slot = rangeSlots[r][side];
      if (slot < 0) {
        continue;
      }
      if (values[slot] == null) {
        return null; // x > NULL holds for no row
      }
      Object v = exact(values[slot], type);
      if (v == null) {
        continue; // cannot encode: leave this side open
      }
      byte[] k = concat(prefix, KeyCodec.encode(new ColumnType[] {type}, new boolean[] {desc}, new Object[] {v}));
      if (side == 0) {
        lo = k;
      } else {
        hi = k;
      }
    }
    // A descending column stores larger values first: the SQL low bound limits the high end.
    boolean loIncl = desc ? incl[1] : incl[0];
    boolean hiIncl = desc ? incl[0] : incl[1];
    byte[] low = desc ? hi : lo;
    byte[] high = desc ? lo : hi;
    byte[] nulls = concat(prefix, KeyCodec.encode(new ColumnType[] {type}, new boolean[] {desc}, new Object[] {null}));
    byte[] from = low == null ? (desc ? prefix : successor(nulls)) : loIncl ? low : successor(low);
    byte[] to = high == null ? (desc ? nulls : successor(prefix)) : hiIncl ? successor(high) : high;
    if (to != null && KeyCodec.compare(from, to) >= 0) {
      return null;
    }
    return new byte[][] {from, to};
  }

  private List<byte[][]> merged(List<byte[][]> intervals) {
    intervals.sort((a, b) -> KeyCodec.compare(a[0], b[0]));
    List<byte[][]> out = new ArrayList<>();
    for (byte[][] i : intervals) {
      byte[][] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && (last[1] == null || KeyCodec.compare(i[0], last[1]) <= 0)) {
        if (last[1] != null && (i[1] == null || KeyCodec.compare(i[1], last[1]) > 0)) {
          last[1] = i[1];
        }
      } else {
        out.add(new byte[][] {i[0], i[1]});
      }
    }
    if (descending) {
      Collections.reverse(out);
    }
    return out;
  }

  /** The smallest key above every key starting with {@code prefix}; null when none is. */
  static byte[] successor(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] out = Arrays.copyOf(prefix, i + 1);
        out[i]++;
        return out;
      }
    }
    return null;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** {@code value} as the column type stores it, or null when it has no exact equivalent. */
  static Object exact(Object value, ColumnType type) {
    if (value == null) {
      return null;
    }
    Object v = MarbleTypes.toStorage(value, type);
    if (value instanceof Number n && v instanceof Number stored && type != ColumnType.REAL && type != ColumnType.DOUBLE
        && new BigDecimal(n.toString()).compareTo(new BigDecimal(stored.toString())) != 0) {
      return null; // narrowing changed the value
    }
    return type.valueClass().isInstance(v) ? v : null;
  }
}
