package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Helpers shared by the Marble DDL nodes and the generated parser. */
public final class MarbleDdl {
  private MarbleDdl() {
  }

  /** An error raised by a grammar action; the parser turns it into a SqlParseException at {@code pos}. */
  public static CalciteContextException parseError(SqlParserPos pos, String message) {
    return new CalciteContextException(message, new IllegalArgumentException(message),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }

  /** Rejects a name-only column where a data type is required. */
  public static void requireType(MarbleColumnDef column) {
    if (column.type == null) {
      throw parseError(column.name.getParserPosition(),
          "Column '" + column.name + "' needs a data type");
    }
  }

  static SqlSpecialOperator op(String name, SqlKind kind) {
    return new SqlSpecialOperator(name, kind);
  }

  /** {@code CREATE [OR REPLACE] <what> [IF NOT EXISTS] <name>}. */
  static void unparseCreate(SqlWriter writer, boolean replace, String what, boolean ifNotExists,
      SqlIdentifier name) {
    writer.keyword("CREATE");
    if (replace) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword(what);
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
  }

  /** {@code (a, b, c)}; nothing if {@code nodes} is null. */
  static void unparseList(SqlWriter writer, List<? extends SqlNode> nodes) {
    if (nodes == null) {
      return;
    }
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : nodes) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** {@code (expr)}. */
  static void unparseParenthesized(SqlWriter writer, SqlNode node) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    node.unparse(writer, 0, 0);
    writer.endList(frame);
  }

  /** {@code KEYWORD value}; nothing if {@code value} is null. */
  static void unparseNumber(SqlWriter writer, String keyword, Long value) {
    if (value != null) {
      writer.keyword(keyword);
      writer.literal(value.toString());
    }
  }
}
