package dev.marble.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * SQL text for expressions and queries the catalog stores (defaults, checks, views). Identifiers are
 * always quoted, so the text means the same thing whatever the case rules when it is read back.
 */
final class Unparse {
  private static final SqlDialect DIALECT = new CalciteSqlDialect(CalciteSqlDialect.DEFAULT_CONTEXT) {
    /** Calcite's own unparsing of NEXT VALUE FOR fails outside a list (e.g. as a column default). */
    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (call.getKind() == SqlKind.NEXT_VALUE || call.getKind() == SqlKind.CURRENT_VALUE) {
        writer.keyword(call.getKind() == SqlKind.NEXT_VALUE ? "NEXT VALUE FOR" : "CURRENT VALUE FOR");
        call.operand(0).unparse(writer, 0, 0);
      } else {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }
  };

  private Unparse() {}

  static String sql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(DIALECT).withQuoteAllIdentifiers(true)
        .withAlwaysUseParentheses(false).withIndentation(0).withClauseStartsLine(false)).getSql();
  }

  static String name(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
