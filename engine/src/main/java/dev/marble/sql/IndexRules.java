package dev.marble.sql;

import dev.marble.storage.Table;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Rules that read through indexes: a filter over a scan reads the index intervals its conjuncts
 * allow; an ORDER BY (with or without LIMIT) that an index's order satisfies drops the sort; and
 * MIN/MAX of an index's first column reads one entry from the right end.
 *
 * <p>Sort and MIN/MAX build the physical operators themselves (Enumerable filter, project, limit):
 * Calcite derives a scan's collation from the table, not from the scan, so its own rules would
 * not know that the index scan is sorted. The operators above the scan stream their input in
 * order, which is what makes the claimed collation true.
 */
final class IndexRules {
  private IndexRules() {}

  static final RelOptRule FILTER = RuleConfig.of("MarbleIndexFilterRule",
      b -> b.operand(Filter.class).oneInput(s -> s.operand(MarbleScan.class)
          .predicate(scan -> scan.key == null && scan.index == null).noInputs()),
      FilterRule::new).toRule();

  static final List<RelOptRule> SORT = List.of(
      RuleConfig.of("MarbleIndexSortRule(scan)", b -> b.operand(Sort.class).predicate(IndexRules::sorts)
          .oneInput(s -> s.operand(MarbleScan.class).predicate(IndexRules::plain).noInputs()),
          c -> new SortRule(c, false, false)).toRule(),
      RuleConfig.of("MarbleIndexSortRule(filter)", b -> b.operand(Sort.class).predicate(IndexRules::sorts)
          .oneInput(f -> f.operand(Filter.class).oneInput(s -> s.operand(MarbleScan.class)
              .predicate(IndexRules::plain).noInputs())),
          c -> new SortRule(c, false, true)).toRule(),
      RuleConfig.of("MarbleIndexSortRule(project)", b -> b.operand(Sort.class).predicate(IndexRules::sorts)
          .oneInput(p -> p.operand(Project.class).oneInput(s -> s.operand(MarbleScan.class)
              .predicate(IndexRules::plain).noInputs())),
          c -> new SortRule(c, true, false)).toRule(),
      RuleConfig.of("MarbleIndexSortRule(project, filter)", b -> b.operand(Sort.class).predicate(IndexRules::sorts)
          .oneInput(p -> p.operand(Project.class).oneInput(f -> f.operand(Filter.class)
              .oneInput(s -> s.operand(MarbleScan.class).predicate(IndexRules::plain).noInputs()))),
          c -> new SortRule(c, true, true)).toRule());

  static final List<RelOptRule> MIN_MAX = List.of(
      RuleConfig.of("MarbleIndexMinMaxRule(scan)", b -> b.operand(Aggregate.class).predicate(IndexRules::minOrMax)
          .oneInput(s -> s.operand(MarbleScan.class).predicate(IndexRules::plain).noInputs()),
          c -> new MinMaxRule(c, false)).toRule(),
      RuleConfig.of("MarbleIndexMinMaxRule(project)", b -> b.operand(Aggregate.class).predicate(IndexRules::minOrMax)
          .oneInput(p -> p.operand(Project.class).oneInput(s -> s.operand(MarbleScan.class)
              .predicate(IndexRules::plain).noInputs())),
          c -> new MinMaxRule(c, true)).toRule());

  private static boolean plain(MarbleScan scan) {
    return scan.key == null && scan.index == null && !scan.marbleTable.table().indexes().isEmpty();
  }

  private static boolean sorts(Sort sort) {
    return !sort.getCollation().getFieldCollations().isEmpty();
  }

  private static boolean minOrMax(Aggregate agg) {
    if (!agg.getGroupSet().isEmpty() || agg.getAggCallList().size() != 1) {
      return false;
    }
    AggregateCall call = agg.getAggCallList().get(0);
    SqlKind kind = call.getAggregation().getKind();
    return (kind == SqlKind.MIN || kind == SqlKind.MAX) && !call.isDistinct() && call.filterArg < 0
        && call.getArgList().size() == 1;
  }

  /** The table column behind output field {@code field} of an optional project over the scan; -1: computed. */
  private static int column(MarbleScan scan, Project project, int field) {
    int scanField = field;
    if (project != null) {
      if (!(project.getProjects().get(field) instanceof RexInputRef ref)) {
        return -1;
      }
      scanField = ref.getIndex();
    }
    return scan.fields.get(scanField);
  }

  /** {@code Filter over Scan} reads only the intervals of the best index its conjuncts allow. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      MarbleScan scan = call.rel(1);
      IndexAccess access = new IndexMatcher(filter.getCluster().getRexBuilder(), scan.marbleTable.table(),
          scan.fields, RelOptUtil.conjunctions(filter.getCondition())).best();
      if (access != null) {
        call.transformTo(filter.copy(filter.getTraitSet(), List.of(scan.withIndex(access))));
      }
    }
  }

  /** {@code Sort [Project] [Filter] Scan}: an index in the sort's order replaces the sort. */
  static final class SortRule extends RelRule<RuleConfig> {
    private final boolean hasProject;
    private final boolean hasFilter;

    SortRule(RuleConfig config, boolean hasProject, boolean hasFilter) {
      super(config);
      this.hasProject = hasProject;
      this.hasFilter = hasFilter;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      Project project = hasProject ? call.rel(1) : null;
      Filter filter = hasFilter ? call.rel(hasProject ? 2 : 1) : null;
      MarbleScan scan = call.rel(call.getRelList().size() - 1);
      Table table = scan.marbleTable.table();
      IndexMatcher matcher = filter == null ? null : new IndexMatcher(filter.getCluster().getRexBuilder(), table,
          scan.fields, RelOptUtil.conjunctions(filter.getCondition()));
      for (Table.Index index : table.indexes()) {
        IndexAccess access = matcher == null ? IndexAccess.whole(index, false) : matcher.matchOrWhole(index);
        Boolean reverse = orderOf(sort, scan, project, access);
        if (reverse != null) {
          call.transformTo(build(sort, project, filter, scan.withIndex(access.withOrder(reverse, limit(sort)))));
          return;
        }
      }
    }

    private static RelNode build(Sort sort, Project project, Filter filter, MarbleScan scan) {
      RelNode node = scan;
      if (filter != null) {
        node = EnumerableFilter.create(node, filter.getCondition());
      }
      if (project != null) {
        node = EnumerableProject.create(node, project.getProjects(), project.getRowType());
      }
      if (sort.offset != null || sort.fetch != null) {
        node = EnumerableLimit.create(node, sort.offset, sort.fetch);
      }
      return node.copy(node.getTraitSet().replace(sort.getCollation()), node.getInputs());
    }

    /** Rows a LIMIT lets through, for costing: literal offset + fetch, a guess for parameters. */
    private static double limit(Sort sort) {
      if (sort.fetch == null) {
        return 0;
      }
      double fetch = sort.fetch instanceof RexLiteral l ? l.getValueAs(Long.class) : 100;
      double offset = sort.offset instanceof RexLiteral l ? l.getValueAs(Long.class)
          : sort.offset instanceof RexDynamicParam ? 100 : 0;
      return Math.max(1, fetch + offset);
    }

    /**
     * Whether reading {@code access} forward (false) or backward (true) yields the sort's order;
     * null if neither does. Columns fixed by a single equality tuple are constant, so the sort may
     * skip or mention them anywhere.
     */
    private static Boolean orderOf(Sort sort, MarbleScan scan, Project project, IndexAccess access) {
      int[] positions = access.index.positions();
      int fixed = access.points.size() == 1 ? access.prefixColumns() : 0;
      Boolean reverse = null;
      int i = 0;
      for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
        int column = column(scan, project, fc.getFieldIndex());
        if (column < 0) {
          return null;
        }
        if (isFixed(positions, fixed, column)) {
          continue;
        }
        while (i < fixed && positions[i] != column) {
          i++;
        }
        if (i >= positions.length || positions[i] != column) {
          return null;
        }
        IndexAccess forward = access.withOrder(false, 0);
        boolean fwd = fc.direction == forward.direction(i) && fc.nullDirection == forward.nullDirection(i);
        IndexAccess backward = access.withOrder(true, 0);
        boolean back = fc.direction == backward.direction(i) && fc.nullDirection == backward.nullDirection(i);
        if (reverse == null && (fwd || back)) {
          reverse = !fwd;
        } else if (reverse == null || (reverse ? !back : !fwd)) {
          return null;
        }
        i++;
      }
      return reverse == null ? Boolean.FALSE : reverse;
    }

    private static boolean isFixed(int[] positions, int fixed, int column) {
      for (int i = 0; i < fixed; i++) {
        if (positions[i] == column) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code MIN(c)} / {@code MAX(c)} over a scan: the first non-NULL entry from one end of an index on c. */
  static final class MinMaxRule extends RelRule<RuleConfig> {
    private final boolean hasProject;

    MinMaxRule(RuleConfig config, boolean hasProject) {
      super(config);
      this.hasProject = hasProject;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate agg = call.rel(0);
      Project project = hasProject ? call.rel(1) : null;
      MarbleScan scan = call.rel(hasProject ? 2 : 1);
      AggregateCall aggCall = agg.getAggCallList().get(0);
      int column = column(scan, project, aggCall.getArgList().get(0));
      for (Table.Index index : scan.marbleTable.table().indexes()) {
        if (column < 0 || index.positions()[0] != column) {
          continue;
        }
        boolean wantLargest = aggCall.getAggregation().getKind() == SqlKind.MAX;
        boolean reverse = wantLargest != index.descending()[0];
        MarbleScan read = scan.withIndex(IndexAccess.whole(index, reverse).withOrder(reverse, 1));
        var rexBuilder = agg.getCluster().getRexBuilder();
        RexNode notNull = rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL,
            RexInputRef.of(scan.fields.indexOf(column), read.getRowType()));
        RelNode node = EnumerableLimit.create(EnumerableFilter.create(read, notNull), null,
            rexBuilder.makeExactLiteral(java.math.BigDecimal.ONE));
        if (project != null) {
          node = project.copy(project.getTraitSet(), List.of(node));
        }
        call.transformTo(agg.copy(agg.getTraitSet(), List.of(node)));
        return;
      }
    }
  }
}
