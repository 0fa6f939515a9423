package dev.marble.sql;

import java.util.StringJoiner;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * The bulk-load shape {@code INSERT INTO t [(cols)] VALUES (?, ..), (?, ..), ...}: every value a
 * parameter (a PreparedStatement's, or literals {@link LiteralLifter} lifted). It runs as the
 * one-row statement repeated, whose plan is shared by every row count; planning the rows as one
 * VALUES would cost time and generated code in proportion to their number.
 */
final class MultiRowInsert {
  /** The one-row statement's text, and how many rows the original inserts. */
  record Template(String sql, int rows) {}

  private MultiRowInsert() {}

  /** The template of {@code parsed}, or null when it is not that shape. */
  static Template of(SqlNode parsed) {
    if (!(parsed instanceof SqlInsert insert) || !(insert.getTargetTable() instanceof SqlIdentifier table)
        || insert.getSource().getKind() != SqlKind.VALUES) {
      return null;
    }
    SqlCall values = (SqlCall) insert.getSource();
    int rows = values.operandCount();
    if (rows < 2) {
      return null;
    }
    int width = -1;
    for (SqlNode row : values.getOperandList()) {
      if (!(row instanceof SqlCall call) || call.getKind() != SqlKind.ROW
          || (width >= 0 && call.operandCount() != width)) {
        return null;
      }
      width = call.operandCount();
      for (SqlNode value : call.getOperandList()) {
        if (!(value instanceof SqlDynamicParam)) {
          return null;
        }
      }
    }
    StringBuilder sql = new StringBuilder(insert.isUpsert() ? "UPSERT INTO " : "INSERT INTO ")
        .append(Unparse.sql(table));
    SqlNodeList columns = insert.getTargetColumnList();
    if (columns != null) {
      StringJoiner names = new StringJoiner(", ", " (", ")");
      columns.forEach(c -> names.add(Unparse.sql(c)));
      sql.append(names);
    }
    StringJoiner params = new StringJoiner(", ", " VALUES (", ")");
    for (int i = 0; i < width; i++) {
      params.add("?");
    }
    return new Template(sql.append(params).toString(), rows);
  }
}
