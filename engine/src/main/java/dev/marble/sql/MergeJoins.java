package dev.marble.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's merge join, except on UUID keys: for a key whose Java class is plain Object, Calcite
 * generates a comparator with two {@code compare(Object, Object)} methods, which does not compile,
 * so every join on UUID columns that the planner costed as a merge join failed. Those joins are
 * planned as hash or nested-loop joins instead.
 */
final class MergeJoins {
  private MergeJoins() {}

  static void register(RelOptPlanner planner) {
    ConverterRule calcites = (ConverterRule) EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE;
    planner.removeRule(calcites);
    planner.addRule(calcites.config.withConversion(LogicalJoin.class, MergeJoins::comparableKeys,
        Convention.NONE, EnumerableConvention.INSTANCE, "MarbleMergeJoinRule").toRule());
  }

  private static boolean comparableKeys(LogicalJoin join) {
    List<RelDataTypeField> fields = new ArrayList<>(join.getLeft().getRowType().getFieldList());
    fields.addAll(join.getRight().getRowType().getFieldList());
    return RelOptUtil.InputFinder.bits(join.getCondition()).asList().stream()
        .noneMatch(i -> fields.get(i).getType().getSqlTypeName() == SqlTypeName.UUID);
  }
}
