package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code CREATE ROLE [IF NOT EXISTS] name}. */
public class MarbleCreateRole extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE ROLE", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;

  public MarbleCreateRole(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, false, "ROLE", ifNotExists, name);
  }
}
