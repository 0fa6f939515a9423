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

/**
 * {@code CREATE USER [IF NOT EXISTS] name [WITH] PASSWORD 'secret' [ADMIN]}. The password is a plain
 * field, not an operand: it never appears in an unparsed tree.
 */
public class MarbleCreateUser extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE USER", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;
  public final String password;
  public final boolean admin;

  public MarbleCreateUser(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, String password,
      boolean admin) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.password = password;
    this.admin = admin;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, false, "USER", ifNotExists, name);
    writer.keyword("PASSWORD");
    writer.literal("'<hidden>'");
    if (admin) {
      writer.keyword("ADMIN");
    }
  }
}
