package dev.marble.sql;

import dev.marble.storage.Table;
import dev.marble.storage.catalog.ColumnDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * Column defaults for INSERT: DEFAULT expressions, identity values and hidden row ids. Calcite asks
 * this (through {@link MarbleTable#unwrap}) for every column an INSERT leaves out or sets to DEFAULT.
 *
 * <p>GENERATED ALWAYS identities and the row id are {@link ColumnStrategy#STORED}: the validator then
 * rejects explicit values for them, and Calcite takes their value from here.
 */
final class MarbleInitializers extends NullInitializerExpressionFactory {
  private final Table table;
  private final SqlEngine engine;

  MarbleInitializers(Table table, SqlEngine engine) {
    this.table = table;
    this.engine = engine;
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable relTable, int column) {
    if (column == table.columnCount()) {
      return ColumnStrategy.STORED;
    }
    ColumnDef c = table.def().columns().get(column);
    if (c.identity() != null) {
      return c.identity().always() ? ColumnStrategy.STORED : ColumnStrategy.DEFAULT;
    }
    if (c.defaultSql() != null) {
      return ColumnStrategy.DEFAULT;
    }
    return c.nullable() ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE;
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable relTable, int column, InitializerContext context) {
    RelDataType type = relTable.getRowType().getFieldList().get(column).getType();
    if (column == table.columnCount()) {
      return MarbleFunctions.nextValueRex(context.getRexBuilder(), engine.database(), table.schema(),
          table.def().rowIdSequence());
    }
    ColumnDef c = table.def().columns().get(column);
    RexNode value;
    if (c.identity() != null) {
      value = MarbleFunctions.nextValueRex(context.getRexBuilder(), engine.database(), table.schema(),
          c.identity().sequence());
    } else if (c.defaultSql() != null) {
      // A default may name a sequence (NEXT VALUE FOR s, nextval('s')): the database's, not Calcite's.
      SqlNode parsed = Sequences.rewrite(engine.parseExpression(c.defaultSql()), engine.database(),
          engine.database().catalog(), table.schema());
      SqlNode validated = context.validateExpression(relTable.getRowType(), parsed);
      value = context.convertExpression(validated);
    } else {
      return super.newColumnDefaultValue(relTable, column, context);
    }
    return context.getRexBuilder().makeCast(type, value, true, false);
  }
}
