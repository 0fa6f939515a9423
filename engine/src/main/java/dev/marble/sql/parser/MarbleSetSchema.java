package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SET SCHEMA name} or {@code SET SCHEMA 'name'}. ({@code SET SCHEMA = value} stays core's
 * SqlSetOption.)
 */
public class MarbleSetSchema extends SqlDdl {
  static final SqlOperator OPERATOR = MarbleDdl.op("SET SCHEMA", SqlKind.OTHER_DDL);

  /** The schema name: an identifier folded by the parser's casing rules, or a string as written. */
  public final String schema;

  public MarbleSetSchema(SqlParserPos pos, String schema) {
    super(OPERATOR, pos);
    this.schema = schema;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SET SCHEMA");
    writer.identifier(schema, true);
  }
}
