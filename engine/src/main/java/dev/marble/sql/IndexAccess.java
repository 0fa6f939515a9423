package dev.marble.sql;

import dev.marble.storage.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rex.RexNode;

/**
 * How a {@link MarbleScan} reads through an index: equality tuples on the first index columns
 * ({@code col = v}, {@code col IN (...)}), then optionally ranges on the next column, in index
 * order or reversed. Values are literals or dynamic parameters, bound when the plan runs.
 *
 * <p>The filter the access came from stays above the scan: the intervals only need to cover the
 * matching rows, so a conservative access is slower, never wrong.
 */
final class IndexAccess {
  /** One side of a range: a value and whether it is included. */
  record Bound(RexNode value, boolean inclusive) {}

  /** A range of the column after the equality prefix; a null side is open. */
  record Range(Bound lo, Bound hi) {}

  final Table.Index index;
  /** Equality tuples, each one value per prefix column; one empty tuple when there is no prefix. */
  final List<List<RexNode>> points;
  final List<Range> ranges;
  final boolean descending;
  /** Rows the consumer reads at most (a LIMIT above), for costing; 0: all. */
  final double limit;

  IndexAccess(Table.Index index, List<List<RexNode>> points, List<Range> ranges, boolean descending, double limit) {
    this.index = index;
    this.points = List.copyOf(points);
    this.ranges = List.copyOf(ranges);
    this.descending = descending;
    this.limit = limit;
  }

  /** The whole index, in order: for ORDER BY and MIN/MAX. */
  static IndexAccess whole(Table.Index index, boolean descending) {
    return new IndexAccess(index, List.of(List.of()), List.of(), descending, 0);
  }

  IndexAccess withOrder(boolean newDescending, double newLimit) {
    return new IndexAccess(index, points, ranges, newDescending, newLimit);
  }

  int prefixColumns() {
    return points.get(0).size();
  }

  /** Whether equality binds every column of a unique index (each tuple finds one row at most). */
  boolean uniqueHit() {
    return index.def().unique() && ranges.isEmpty() && prefixColumns() == index.positions().length;
  }

  /** Share of the table's rows this access reads, for costing. */
  double selectivity() {
    if (uniqueHit()) {
      return 0;
    }
    double s = Math.pow(0.05, prefixColumns()) * points.size();
    if (!ranges.isEmpty()) {
      s *= Math.min(1, 0.25 * ranges.size());
    }
    return Math.min(1, s);
  }

  /** The natural order of index column {@code i} when read in this access's direction. */
  RelFieldCollation.Direction direction(int i) {
    boolean desc = index.descending()[i] != descending;
    return desc ? RelFieldCollation.Direction.DESCENDING : RelFieldCollation.Direction.ASCENDING;
  }

  /** NULLs come first in an ascending read of an ascending column (Marble sorts NULL low). */
  RelFieldCollation.NullDirection nullDirection(int i) {
    return direction(i) == RelFieldCollation.Direction.ASCENDING
        ? RelFieldCollation.NullDirection.FIRST : RelFieldCollation.NullDirection.LAST;
  }

  /** Every value the intervals need, in the order {@link #runtime()} expects them. */
  List<RexNode> values() {
    List<RexNode> out = new ArrayList<>();
    points.forEach(out::addAll);
    for (Range r : ranges) {
      if (r.lo() != null) {
        out.add(r.lo().value());
      }
      if (r.hi() != null) {
        out.add(r.hi().value());
      }
    }
    return out;
  }

  IndexIntervals runtime() {
    int slot = points.size() * prefixColumns();
    int[][] slots = new int[ranges.size()][2];
    boolean[][] inclusive = new boolean[ranges.size()][2];
    for (int r = 0; r < ranges.size(); r++) {
      Range range = ranges.get(r);
      slots[r][0] = range.lo() == null ? -1 : slot++;
      slots[r][1] = range.hi() == null ? -1 : slot++;
      inclusive[r][0] = range.lo() != null && range.lo().inclusive();
      inclusive[r][1] = range.hi() != null && range.hi().inclusive();
    }
    return new IndexIntervals(index, points.size(), prefixColumns(), slots, inclusive, descending);
  }

  /** For EXPLAIN: {@code [=1, =2]} for points, {@code (?0..10]} style for ranges. */
  String describeRanges() {
    StringBuilder b = new StringBuilder();
    if (prefixColumns() > 0) {
      b.append(points.size() == 1 ? "=" + points.get(0) : "IN " + points);
    }
    for (Range r : ranges) {
      b.append(b.length() == 0 ? "" : " ").append(r.lo() == null ? "(-inf" : (r.lo().inclusive() ? "[" : "(")
          + r.lo().value()).append("..").append(r.hi() == null ? "+inf)" : r.hi().value() + (r.hi().inclusive()
          ? "]" : ")"));
    }
    return b.length() == 0 ? "all" : b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexAccess a && a.index.def().id() == index.def().id() && a.points.equals(points)
        && a.ranges.equals(ranges) && a.descending == descending && a.limit == limit;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(index.def().id(), points, ranges, descending);
  }
}
