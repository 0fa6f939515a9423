package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(col, ...)] AS query}. */
public class MarbleCreateView extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE VIEW", SqlKind.CREATE_VIEW);

  public final SqlIdentifier name;
  /** Column names (SqlIdentifier), or null. */
  public final SqlNodeList columnList;
  public final SqlNode query;

  public MarbleCreateView(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList columnList, SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.columnList = columnList;
    this.query = query;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columnList, query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, getReplace(), "VIEW", ifNotExists, name);
    MarbleDdl.unparseList(writer, columnList);
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
