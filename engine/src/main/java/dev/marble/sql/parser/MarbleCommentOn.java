package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code COMMENT ON TABLE t IS 'text' | NULL} and {@code COMMENT ON COLUMN t.c IS 'text' | NULL}. */
public class MarbleCommentOn extends SqlDdl {
  static final SqlOperator OPERATOR = MarbleDdl.op("COMMENT ON", SqlKind.OTHER_DDL);

  /** What the comment is attached to. */
  public enum ObjectKind { TABLE, COLUMN }

  public final ObjectKind target;
  /** Table name, or for COLUMN the column name qualified by its table ({@code [schema.]table.column}). */
  public final SqlIdentifier name;
  /** Null for {@code IS NULL} (removes the comment). */
  public final String comment;

  public MarbleCommentOn(SqlParserPos pos, ObjectKind target, SqlIdentifier name, String comment) {
    super(OPERATOR, pos);
    this.target = target;
    this.name = name;
    this.comment = comment;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("COMMENT ON " + target.name());
    name.unparse(writer, 0, 0);
    writer.keyword("IS");
    if (comment == null) {
      writer.keyword("NULL");
    } else {
      SqlLiteral.createCharString(comment, SqlParserPos.ZERO).unparse(writer, 0, 0);
    }
  }
}
