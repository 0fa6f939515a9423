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

  /**
   * How a modify's input row is laid out: for MERGE, the insert part (when it has WHEN NOT
   * MATCHED) and the update part (target row and SET values, when it has WHEN MATCHED); then the
   * check columns {@link #attach} appended: one set per part.
   */
  record Shape(boolean inserts, boolean updates, int checkColumns) {}

  static Shape shape(TableModify m) {
    Table table = m.getTable().unwrapOrThrow(MarbleTable.class).table();
    int w = table.rowWidth();
    int k = m.getUpdateColumnList() == null ? 0 : m.getUpdateColumnList().size();
    int n = checks(table).size();
    int total = m.getInput().getRowType().getFieldCount();
    return switch (m.getOperation()) {
      case INSERT -> new Shape(true, false, total - w);
      case UPDATE -> new Shape(false, true, total - w - k);
      case DELETE -> new Shape(false, false, 0);
      default -> {
        boolean updates = k > 0;
        int updatePart = updates ? w + k : 0;
        boolean inserts = total == w + updatePart + (updates ? 2 * n : n) || total == w + updatePart;
        int parts = (inserts ? 1 : 0) + (updates ? 1 : 0);
        yield new Shape(inserts, updates, total - (inserts ? w : 0) - updatePart == 0 ? 0 : n * parts);
      }
    };
  }

  /** The modify with its target's CHECK conditions appended to its input; unchanged if none. */
  static RelNode attach(RelNode rel, SqlEngine engine, SqlValidator validator, SqlToRelConverter converter) {
    if (!(rel instanceof LogicalTableModify m) || m.getOperation() == TableModify.Operation.DELETE) {
      return rel;
    }
    MarbleTable target = m.getTable().unwrap(MarbleTable.class);
    if (target == null || checks(target.table()).isEmpty()) {
      return rel;
    }
    Table table = target.table();
    RelNode input = m.getInput();
    RexBuilder rex = m.getCluster().getRexBuilder();
    List<String> updated = m.getUpdateColumnList() == null ? List.of() : m.getUpdateColumnList();
    Shape shape = shape(m);
    List<RexNode> projects = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    if (shape.inserts()) {
      addChecks(table, 0, List.of(), input, engine, validator, converter, projects, names);
    }
    if (shape.updates()) {
      int base = shape.inserts() ? table.rowWidth() : 0;
      addChecks(table, base, updated, input, engine, validator, converter, projects, names);
    }
    RelNode withChecks = LogicalProject.create(input, List.of(), projects, names, java.util.Set.of());
    return LogicalTableModify.create(m.getTable(), m.getCatalogReader(), withChecks, m.getOperation(),
        m.getUpdateColumnList(), m.getSourceExpressionList(), m.isFlattened());
  }

  /**
   * Appends one column per CHECK, evaluated over the new row: columns read from {@code base + c},
   * or, for the {@code updated} columns, from their SET value after the row.
   */
  private static void addChecks(Table table, int base, List<String> updated, RelNode input, SqlEngine engine,
      SqlValidator validator, SqlToRelConverter converter, List<RexNode> projects, List<String> names) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    Map<String, RelDataType> types = new HashMap<>();
    Map<String, RexNode> values = new HashMap<>();
    List<ColumnDef> columns = table.def().columns();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).name();
      int j = updated.indexOf(name);
      RexNode ref = rex.makeInputRef(input, j >= 0 ? base + table.rowWidth() + j : base + c);
      types.put(name, ref.getType());
      values.put(name, ref);
    }
    for (ConstraintDef check : checks(table)) {
      SqlNode parsed = engine.parseExpression(check.checkSql());
      SqlNode validated = validator.validateParameterizedExpression(parsed, types);
      projects.add(converter.convertExpression(validated, values));
      names.add("$check" + projects.size() + "$" + check.name());
    }
  }
}
