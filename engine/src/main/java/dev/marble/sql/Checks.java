package dev.marble.sql;

import dev.marble.storage.Table;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * CHECK constraints: each INSERT or UPDATE plan computes every CHECK condition of the target table
 * over the new row as extra boolean columns after the row; {@link TableWriter} fails the statement
 * when one is FALSE (TRUE and UNKNOWN pass, as SQL says).
 */
final class Checks {
  private Checks() {}

  static List<String> names(Table table) {
    return checks(table).stream().map(ConstraintDef::name).toList();
  }

  private static List<ConstraintDef> checks(Table table) {
    return table.def().constraints().stream().filter(c -> c.kind() == ConstraintDef.Kind.CHECK).toList();
  }

  /** How many check columns {@link #attach} added to the modify's input. */
  static int countAttached(TableModify m) {
    MarbleTable t = m.getTable().unwrapOrThrow(MarbleTable.class);
    int base = t.table().rowWidth();
    if (m.getOperation() == TableModify.Operation.UPDATE) {
      base += m.getUpdateColumnList().size();
    } else if (m.getOperation() != TableModify.Operation.INSERT) {
      return 0;
    }
    return m.getInput().getRowType().getFieldCount() - base;
  }

  /** The modify with its target's CHECK conditions appended to its input; unchanged if none. */
  static RelNode attach(RelNode rel, SqlEngine engine, SqlValidator validator, SqlToRelConverter converter) {
    if (!(rel instanceof LogicalTableModify m)
        || (m.getOperation() != TableModify.Operation.INSERT && m.getOperation() != TableModify.Operation.UPDATE)) {
      return rel;
    }
    MarbleTable target = m.getTable().unwrap(MarbleTable.class);
    if (target == null || checks(target.table()).isEmpty()) {
      return rel;
    }
    Table table = target.table();
    RelNode input = m.getInput();
    RexBuilder rex = m.getCluster().getRexBuilder();
    Map<String, RelDataType> types = new HashMap<>();
    Map<String, RexNode> values = new HashMap<>();
    List<String> updated = m.getUpdateColumnList() == null ? List.of() : m.getUpdateColumnList();
    List<ColumnDef> columns = table.def().columns();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).name();
      int j = updated.indexOf(name);
      int source = j >= 0 ? table.rowWidth() + j : c;
      RexNode ref = rex.makeInputRef(input, source);
      types.put(name, ref.getType());
      values.put(name, ref);
    }
    List<RexNode> projects = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    for (ConstraintDef check : checks(table)) {
      SqlNode parsed = engine.parseExpression(check.checkSql());
      SqlNode validated = validator.validateParameterizedExpression(parsed, types);
      projects.add(converter.convertExpression(validated, values));
      names.add("$check$" + check.name());
    }
    RelNode withChecks = LogicalProject.create(input, List.of(), projects, names, java.util.Set.of());
    return LogicalTableModify.create(m.getTable(), m.getCatalogReader(), withChecks, m.getOperation(),
        m.getUpdateColumnList(), m.getSourceExpressionList(), m.isFlattened());
  }
}
