package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code key = literal} inside {@code CREATE TABLE ... WITH ( ... )}. */
public class MarbleOption extends SqlCall {
  static final SqlOperator OPERATOR = MarbleDdl.op("OPTION", SqlKind.OTHER);

  /** Option name: an identifier (folded by the parser's casing rules) or a string literal as written. */
  public final String key;
  public final SqlNode value;

  public MarbleOption(SqlParserPos pos, String key, SqlNode value) {
    super(pos);
    this.key = key;
    this.value = value;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(value);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.identifier(key, true);
    writer.keyword("=");
    value.unparse(writer, 0, 0);
  }
}
