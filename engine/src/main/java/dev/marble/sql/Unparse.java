package dev.marble.sql;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * SQL text for expressions and queries the catalog stores (defaults, checks, views). Identifiers are
 * always quoted, so the text means the same thing whatever the case rules when it is read back.
 */
final class Unparse {
  private static final SqlDialect DIALECT = CalciteSqlDialect.DEFAULT;

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
