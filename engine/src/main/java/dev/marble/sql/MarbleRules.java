package dev.marble.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Marble's planner rules: primary-key equality becomes a lookup, projections reach the scan so
 * only needed columns are decoded, and writes become {@link MarbleModify}.
 */
final class MarbleRules {
  private MarbleRules() {}

  static final RelOptRule KEY_LOOKUP = RuleConfig.of("MarbleKeyLookupRule",
      b -> b.operand(Filter.class).oneInput(s -> s.operand(MarbleScan.class)
          .predicate(scan -> scan.key == null && scan.index == null).noInputs()),
      KeyLookupRule::new).toRule();

  static final RelOptRule PROJECT = RuleConfig.of("MarbleProjectRule",
      b -> b.operand(Project.class).oneInput(s -> s.operand(MarbleScan.class).noInputs()),
      ProjectRule::new).toRule();

  static final RelOptRule AGGREGATE_FIELDS = RuleConfig.of("MarbleAggregateFieldsRule",
      b -> b.operand(org.apache.calcite.rel.core.Aggregate.class).oneInput(s -> s.operand(MarbleScan.class).noInputs()),
      AggregateFieldsRule::new).toRule();

  static final RelOptRule CONTAINS = RuleConfig.of("MarbleContainsRule",
      b -> b.operand(Filter.class).oneInput(s -> s.operand(MarbleScan.class)
          .predicate(scan -> scan.contains.isEmpty()).noInputs()),
      ContainsRule::new).toRule();

  private static final RelOptRule MODIFY = modifyRule(false);
  private static final RelOptRule UPSERT = modifyRule(true);

  private static RelOptRule modifyRule(boolean upsert) {
    return ConverterRule.Config.INSTANCE
        .withConversion(LogicalTableModify.class,
            (LogicalTableModify m) -> m.getTable().unwrap(MarbleTable.class) != null,
            Convention.NONE, EnumerableConvention.INSTANCE, upsert ? "MarbleUpsertRule" : "MarbleModifyRule")
        .withRuleFactory(config -> new MarbleModify.Rule(config, upsert))
        .toRule();
  }

  /** Adds Marble's rules; {@code upsert} makes an INSERT replace rows with the same key (UPSERT INTO). */
  static void register(RelOptPlanner planner, boolean upsert) {
    planner.addRule(KEY_LOOKUP);
    planner.addRule(PROJECT);
    planner.addRule(CONTAINS);
    planner.addRule(AGGREGATE_FIELDS);
    planner.addRule(IndexRules.FILTER);
    IndexRules.SORT.forEach(planner::addRule);
    IndexRules.MIN_MAX.forEach(planner::addRule);
    planner.addRule(upsert ? UPSERT : MODIFY);
  }

  /**
   * {@code Filter(key = v)} or {@code Filter(key IN (...))} over a scan becomes the filter over
   * lookups of those keys (the cross product of the values given per key column, see
   * {@link IndexMatcher#equalityPrefix}). The filter stays: it also checks any other conjunct, and
   * costs nothing on a few rows.
   */
  static final class KeyLookupRule extends RelRule<RuleConfig> {
    KeyLookupRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      MarbleScan scan = call.rel(1);
      dev.marble.storage.Table table = scan.marbleTable.table();
      int[] positions = scan.keyPositions();
      IndexMatcher.Prefix keys = new IndexMatcher(filter.getCluster().getRexBuilder(), table, scan.fields,
          RelOptUtil.conjunctions(filter.getCondition())).equalityPrefix(positions, scan.keyTypes());
      if (keys.columns() == positions.length) {
        call.transformTo(filter.copy(filter.getTraitSet(), List.of(scan.withKey(keys.tuples()))));
      }
    }
  }

  /** A projection over a scan lets the scan decode only the columns the projection reads. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      MarbleScan scan = call.rel(1);
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.cardinality() >= scan.fields.size()) {
        return;
      }
      List<Integer> newFields = new ArrayList<>();
      for (int i : used) {
        newFields.add(scan.fields.get(i));
      }
      MarbleScan narrow = scan.withFields(ImmutableIntList.copyOf(newFields));
      Mappings.TargetMapping mapping = Mappings.target(
          used.toList().stream().collect(java.util.stream.Collectors.toMap(i -> i, used::indexOf)),
          scan.fields.size(), newFields.size());
      RexPermuteInputsShuttle shuttle = new RexPermuteInputsShuttle(mapping, narrow);
      List<RexNode> projects = shuttle.apply(project.getProjects());
      RelNode result = call.builder().push(narrow)
          .project(projects, project.getRowType().getFieldNames(), true).build();
      call.transformTo(result);
    }
  }

  /**
   * {@code col LIKE '%text%'} (no other wildcard, no escape) over a scan: the scan skips rows whose
   * stored bytes lack the UTF-8 text before decoding them, and the conjunct leaves the filter. That
   * is exact: UTF-8 is self-synchronising, so a byte match is a character match, LIKE is
   * case-sensitive, and NULL holds nothing (a WHERE drops UNKNOWN as it drops FALSE). So a count
   * of matches decodes no row at all.
   */
  static final class ContainsRule extends RelRule<RuleConfig> {
    ContainsRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      MarbleScan scan = call.rel(1);
      List<MarbleScan.Contains> found = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        MarbleScan.Contains c = containsOf(conjunct, scan);
        if (c != null) {
          found.add(c);
        } else {
          rest.add(conjunct);
        }
      }
      if (found.isEmpty()) {
        return;
      }
      MarbleScan checked = scan.withContains(found);
      call.transformTo(rest.isEmpty() ? checked : call.builder().push(checked).filter(rest).build());
    }

    private static MarbleScan.Contains containsOf(RexNode node, MarbleScan scan) {
      if (!(node instanceof RexCall call) || call.getOperator() != org.apache.calcite.sql.fun.SqlStdOperatorTable.LIKE
          || call.getOperands().size() != 2 || !(call.getOperands().get(0) instanceof RexInputRef ref)
          || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
        return null;
      }
      int position = scan.fields.get(ref.getIndex());
      dev.marble.storage.Table table = scan.marbleTable.table();
      if (position >= table.columnCount()) {
        return null;
      }
      dev.marble.storage.ColumnType type = table.def().columns().get(position).type();
      String pattern = literal.getValueAs(String.class);
      if (type != dev.marble.storage.ColumnType.VARCHAR && type != dev.marble.storage.ColumnType.CHAR
          && type != dev.marble.storage.ColumnType.CLOB || pattern == null || pattern.length() < 3
          || !pattern.startsWith("%") || !pattern.endsWith("%")) {
        return null;
      }
      String text = pattern.substring(1, pattern.length() - 1);
      if (text.chars().anyMatch(ch -> ch == '%' || ch == '_' || ch == '\\')) {
        return null;
      }
      return new MarbleScan.Contains(position, text);
    }
  }

  /**
   * An aggregate directly over a scan lets the scan decode only the columns it groups by or
   * aggregates: none at all for COUNT(*), which then walks keys only.
   */
  static final class AggregateFieldsRule extends RelRule<RuleConfig> {
    AggregateFieldsRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      org.apache.calcite.rel.core.Aggregate agg = call.rel(0);
      MarbleScan scan = call.rel(1);
      ImmutableBitSet.Builder usedBuilder = ImmutableBitSet.builder().addAll(agg.getGroupSet());
      for (org.apache.calcite.rel.core.AggregateCall c : agg.getAggCallList()) {
        usedBuilder.addAll(c.getArgList());
        if (c.filterArg >= 0) {
          usedBuilder.set(c.filterArg);
        }
        c.getCollation().getFieldCollations().forEach(f -> usedBuilder.set(f.getFieldIndex()));
      }
      ImmutableBitSet used = usedBuilder.build();
      if (used.cardinality() >= scan.fields.size()) {
        return;
      }
      List<Integer> newFields = new ArrayList<>();
      for (int i : used) {
        newFields.add(scan.fields.get(i));
      }
      Mappings.TargetMapping mapping = Mappings.target(
          used.toList().stream().collect(java.util.stream.Collectors.toMap(i -> i, used::indexOf)),
          scan.fields.size(), newFields.size());
      List<org.apache.calcite.rel.core.AggregateCall> calls = new ArrayList<>();
      for (org.apache.calcite.rel.core.AggregateCall c : agg.getAggCallList()) {
        calls.add(c.transform(mapping));
      }
      List<ImmutableBitSet> groupSets = new ArrayList<>();
      for (ImmutableBitSet g : agg.getGroupSets()) {
        groupSets.add(g.permute(mapping));
      }
      call.transformTo(agg.copy(agg.getTraitSet(), scan.withFields(ImmutableIntList.copyOf(newFields)),
          agg.getGroupSet().permute(mapping), groupSets, calls));
    }
  }
}
