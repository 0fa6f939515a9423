package dev.marble.sql;

import com.google.common.collect.BoundType;
import dev.marble.storage.ColumnType;
import dev.marble.storage.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Finds what a filter's conjuncts give an index: equality values (=, IN, OR of =) for a prefix of
 * its columns, then ranges (&lt;, &lt;=, &gt;, &gt;=, BETWEEN, Calcite's SEARCH) on the next one.
 * Only comparisons of a bare column with a literal or a parameter of a compatible type count;
 * anything else is left to the filter, which stays above the scan.
 */
final class IndexMatcher {
  /** More equality tuples than this are not worth it (the cross product of IN lists): read otherwise. */
  private static final int MAX_TUPLES = 1024;

  private final RexBuilder rexBuilder;
  private final Table table;
  /** Scan field index to table column position. */
  private final List<Integer> fields;
  private final List<RexNode> conjuncts;

  IndexMatcher(RexBuilder rexBuilder, Table table, List<Integer> fields, List<RexNode> conjuncts) {
    this.rexBuilder = rexBuilder;
    this.table = table;
    this.fields = fields;
    this.conjuncts = conjuncts;
  }

  /** The most selective index access the conjuncts allow, or null when none restricts anything. */
  IndexAccess best() {
    IndexAccess best = null;
    for (Table.Index index : table.indexes()) {
      IndexAccess a = match(index);
      if (a != null && (best == null || a.selectivity() < best.selectivity())) {
        best = a;
      }
    }
    return best;
  }

  /** What the conjuncts give {@code index}: possibly the whole index (nothing restricts it). */
  IndexAccess matchOrWhole(Table.Index index) {
    IndexAccess a = match(index);
    return a != null ? a : IndexAccess.whole(index, false);
  }

  private IndexAccess match(Table.Index index) {
    Prefix prefix = equalityPrefix(index.positions(), index.types());
    int c = prefix.columns();
    int[] positions = index.positions();
    List<IndexAccess.Range> ranges = c < positions.length ? ranges(positions[c], index.types()[c]) : List.of();
    if (c == 0 && ranges.isEmpty()) {
      return null;
    }
    return new IndexAccess(index, prefix.tuples(), ranges, false, 0);
  }

  /** The equality tuples of the first {@code columns} columns (one empty tuple when there are none). */
  record Prefix(List<List<RexNode>> tuples, int columns) {}

  /**
   * The longest prefix of the columns at {@code positions} that the conjuncts fix by equality, with
   * the cross product of their values (at most {@value #MAX_TUPLES} tuples).
   */
  Prefix equalityPrefix(int[] positions, ColumnType[] types) {
    List<List<RexNode>> tuples = new ArrayList<>();
    tuples.add(List.of());
    int c = 0;
    for (; c < positions.length; c++) {
      List<RexNode> values = points(positions[c], types[c]);
      if (values == null || tuples.size() * values.size() > MAX_TUPLES) {
        break;
      }
      List<List<RexNode>> next = new ArrayList<>();
      for (List<RexNode> t : tuples) {
        for (RexNode v : values) {
          List<RexNode> longer = new ArrayList<>(t);
          longer.add(v);
          next.add(longer);
        }
      }
      tuples = next;
    }
    return new Prefix(tuples, c);
  }

  /** Equality values for a column ({@code =}, IN, OR of {@code =}) from one conjunct, or null. */
  private List<RexNode> points(int position, ColumnType type) {
    for (RexNode conjunct : conjuncts) {
      List<RexNode> values = pointsOf(conjunct, position, type);
      if (values != null) {
        return values;
      }
    }
    return null;
  }

  private List<RexNode> pointsOf(RexNode node, int position, ColumnType type) {
    if (node.getKind() == SqlKind.EQUALS) {
      RexNode v = valueComparedTo(node, position, type);
      return v == null ? null : List.of(v);
    }
    if (node.getKind() == SqlKind.OR) {
      List<RexNode> all = new ArrayList<>();
      for (RexNode operand : ((RexCall) node).getOperands()) {
        List<RexNode> some = pointsOf(operand, position, type);
        if (some == null) {
          return null;
        }
        all.addAll(some);
      }
      return all;
    }
    if (node.getKind() == SqlKind.SEARCH && columnOf(((RexCall) node).getOperands().get(0)) == position) {
      Sarg<?> sarg = ((RexLiteral) ((RexCall) node).getOperands().get(1)).getValueAs(Sarg.class);
      if (sarg == null || !sarg.isPoints() || sarg.nullAs == RexUnknownAs.TRUE) {
        return null;
      }
      List<RexNode> all = new ArrayList<>();
      for (com.google.common.collect.Range<?> r : sarg.rangeSet.asRanges()) {
        RexNode v = literal(r.lowerEndpoint(), type);
        if (v == null) {
          return null;
        }
        all.add(v);
      }
      return all;
    }
    return null;
  }

  /** Ranges for a column: from one SEARCH, or from comparisons (one low and one high bound). */
  private List<IndexAccess.Range> ranges(int position, ColumnType type) {
    IndexAccess.Bound lo = null;
    IndexAccess.Bound hi = null;
    for (RexNode conjunct : conjuncts) {
      if (conjunct.getKind() == SqlKind.SEARCH) {
        List<IndexAccess.Range> fromSarg = sargRanges((RexCall) conjunct, position, type);
        if (fromSarg != null) {
          return fromSarg;
        }
        continue;
      }
      SqlKind kind = conjunct.getKind();
      if (kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL && kind != SqlKind.GREATER_THAN
          && kind != SqlKind.GREATER_THAN_OR_EQUAL) {
        continue;
      }
      RexNode value = valueComparedTo(conjunct, position, type);
      if (value == null) {
        continue;
      }
      boolean columnLeft = columnOf(((RexCall) conjunct).getOperands().get(0)) == position;
      SqlKind k = columnLeft ? kind : kind.reverse();
      boolean inclusive = k == SqlKind.LESS_THAN_OR_EQUAL || k == SqlKind.GREATER_THAN_OR_EQUAL;
      if ((k == SqlKind.GREATER_THAN || k == SqlKind.GREATER_THAN_OR_EQUAL) && lo == null) {
        lo = new IndexAccess.Bound(value, inclusive);
      } else if ((k == SqlKind.LESS_THAN || k == SqlKind.LESS_THAN_OR_EQUAL) && hi == null) {
        hi = new IndexAccess.Bound(value, inclusive);
      }
    }
    return lo == null && hi == null ? List.of() : List.of(new IndexAccess.Range(lo, hi));
  }

  private List<IndexAccess.Range> sargRanges(RexCall search, int position, ColumnType type) {
    if (columnOf(search.getOperands().get(0)) != position || !compatible(type, search.getOperands().get(0))) {
      return null;
    }
    Sarg<?> sarg = ((RexLiteral) search.getOperands().get(1)).getValueAs(Sarg.class);
    if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE || sarg.isComplementedPoints()) {
      return null;
    }
    List<IndexAccess.Range> out = new ArrayList<>();
    for (com.google.common.collect.Range<?> r : sarg.rangeSet.asRanges()) {
      IndexAccess.Bound lo = null;
      IndexAccess.Bound hi = null;
      if (r.hasLowerBound()) {
        RexNode v = literal(r.lowerEndpoint(), type);
        if (v == null) {
          return null;
        }
        lo = new IndexAccess.Bound(v, r.lowerBoundType() == BoundType.CLOSED);
      }
      if (r.hasUpperBound()) {
        RexNode v = literal(r.upperEndpoint(), type);
        if (v == null) {
          return null;
        }
        hi = new IndexAccess.Bound(v, r.upperBoundType() == BoundType.CLOSED);
      }
      if (lo == null && hi == null) {
        return null;
      }
      out.add(new IndexAccess.Range(lo, hi));
    }
    return out.isEmpty() ? null : out;
  }

  /** In {@code column op value} (either side), the value when the column is {@code position}. */
  private RexNode valueComparedTo(RexNode node, int position, ColumnType type) {
    List<RexNode> ops = ((RexCall) node).getOperands();
    for (int i = 0; i < 2; i++) {
      RexNode value = ops.get(1 - i);
      if (columnOf(ops.get(i)) == position && (value instanceof RexLiteral || value instanceof RexDynamicParam)
          && compatible(type, value)) {
        return value;
      }
    }
    return null;
  }

  private int columnOf(RexNode node) {
    return node instanceof RexInputRef ref ? fields.get(ref.getIndex()) : -1;
  }

  /**
   * Whether a value of this SQL type compares with the column the way the index orders it:
   * the same type, or integers with integers. Strings only against VARCHAR columns (CHAR pads).
   */
  private static boolean compatible(ColumnType column, RexNode value) {
    SqlTypeName t = value.getType().getSqlTypeName();
    return switch (column) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> SqlTypeName.INT_TYPES.contains(t);
      case VARCHAR -> t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR;
      case VARBINARY -> t == SqlTypeName.VARBINARY || t == SqlTypeName.BINARY;
      case BOOLEAN -> t == SqlTypeName.BOOLEAN;
      case DOUBLE -> t == SqlTypeName.DOUBLE;
      case REAL -> t == SqlTypeName.REAL;
      case DECIMAL -> t == SqlTypeName.DECIMAL;
      case DATE -> t == SqlTypeName.DATE;
      case TIME -> t == SqlTypeName.TIME;
      case TIMESTAMP -> t == SqlTypeName.TIMESTAMP;
      default -> false;
    };
  }

  /** A Sarg endpoint as a literal the run time can bind; null for kinds it does not handle. */
  private RexNode literal(Object endpoint, ColumnType type) {
    if (endpoint instanceof BigDecimal d && type != ColumnType.REAL && type != ColumnType.DOUBLE) {
      return rexBuilder.makeExactLiteral(d);
    }
    if (endpoint instanceof NlsString s && type == ColumnType.VARCHAR) {
      return rexBuilder.makeLiteral(s.getValue());
    }
    if (endpoint instanceof DateString d && type == ColumnType.DATE) {
      return rexBuilder.makeDateLiteral(d);
    }
    if (endpoint instanceof TimeString t && type == ColumnType.TIME) {
      return rexBuilder.makeTimeLiteral(t, 3);
    }
    if (endpoint instanceof TimestampString t && type == ColumnType.TIMESTAMP) {
      return rexBuilder.makeTimestampLiteral(t, 3);
    }
    if (endpoint instanceof ByteString b && type == ColumnType.VARBINARY) {
      return rexBuilder.makeBinaryLiteral(b);
    }
    return null;
  }
}
