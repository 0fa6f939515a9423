package dev.marble.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT, UPDATE, DELETE and MERGE on a Marble table: the input rows go to a {@link TableWriter},
 * which checks constraints and writes through the statement's transaction. (Calcite's own
 * EnumerableTableModify only writes into in-heap collections and cannot UPDATE.)
 */
public final class MarbleModify extends TableModify implements EnumerableRel {
  private static final Method EXECUTE;

  static {
    try {
      EXECUTE = TableWriter.class.getMethod("execute", DataContext.class, Enumerable.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Number of trailing boolean input columns that hold CHECK results (see {@link Checks}). */
  private final int checkCount;
  /** An INSERT that replaces the row with the same key instead of failing (UPSERT INTO). */
  private final boolean upsert;

  MarbleModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader reader,
      RelNode input, Operation operation, List<String> updateColumns, List<RexNode> sources,
      boolean flattened, int checkCount, boolean upsert) {
    super(cluster, traits, table, reader, input, operation, updateColumns, sources, flattened);
    this.checkCount = checkCount;
    this.upsert = upsert;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MarbleModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
        getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), checkCount, upsert);
  }

  @Override
  public org.apache.calcite.rel.RelWriter explainTerms(org.apache.calcite.rel.RelWriter pw) {
    return super.explainTerms(pw).itemIf("upsert", true, upsert);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows = builder.append("rows", child.block);
    if (child.physType.getFormat() != JavaRowFormat.ARRAY) {
      rows = builder.append("arrays", child.physType.convertTo(rows, JavaRowFormat.ARRAY));
    }
    MarbleTable target = getTable().unwrapOrThrow(MarbleTable.class);
    TableWriter writer = new TableWriter(target.table(), getOperation(), updateColumnPositions(target),
        checkCount, Checks.names(target.table()), upsert, Checks.shape(this).inserts());
    Expression stashed = implementor.stash(writer, TableWriter.class);
    builder.add(Expressions.return_(null,
        Expressions.call(stashed, EXECUTE, implementor.getRootExpression(), rows)));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.SCALAR));
    return implementor.result(physType, builder.toBlock());
  }

  private int[] updateColumnPositions(MarbleTable target) {
    List<String> columns = getUpdateColumnList();
    if (columns == null) {
      return new int[0];
    }
    List<String> names = getTable().getRowType().getFieldNames();
    return columns.stream().mapToInt(names::indexOf).toArray();
  }

  /** Converts Calcite's logical modify of a Marble table, keeping {@link Checks}' column count. */
  static final class Rule extends ConverterRule {
    private final boolean upsert;

    Rule(Config config, boolean upsert) {
      super(config);
      this.upsert = upsert;
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableModify m = (LogicalTableModify) rel;
      RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      int checks = Checks.shape(m).checkColumns();
      return new MarbleModify(m.getCluster(), m.getTraitSet().replace(EnumerableConvention.INSTANCE),
          m.getTable(), m.getCatalogReader(), input, m.getOperation(), m.getUpdateColumnList(),
          m.getSourceExpressionList(), m.isFlattened(), checks, upsert && m.getOperation() == Operation.INSERT);
    }
  }
}
