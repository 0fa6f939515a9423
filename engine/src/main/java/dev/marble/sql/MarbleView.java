package dev.marble.sql;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view: its query is planned in place wherever the view is used. The row type is computed once
 * per catalog version by validating the stored query.
 */
final class MarbleView extends AbstractTable implements TranslatableTable {
  private final String sql;
  private final List<String> schemaPath;
  private final List<String> viewPath;
  /** Computed on first use: validating the query needs the rest of the snapshot built. */
  private final Supplier<RelDataType> rowType;

  MarbleView(String sql, List<String> schemaPath, List<String> viewPath, Supplier<RelDataType> rowType) {
    this.sql = sql;
    this.schemaPath = schemaPath;
    this.viewPath = viewPath;
    this.rowType = rowType;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.copyType(rowType.get());
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelNode rel = context.expandView(relOptTable.getRowType(), sql, schemaPath, viewPath).project();
    return org.apache.calcite.plan.RelOptUtil.createCastRel(rel, relOptTable.getRowType(), true);
  }
}
