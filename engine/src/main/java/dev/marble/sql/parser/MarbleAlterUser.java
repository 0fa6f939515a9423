package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code ALTER USER name [WITH] PASSWORD 'secret'}, {@code ALTER USER name ADMIN TRUE | FALSE} or
 * {@code ALTER USER name RENAME TO other}. The password never appears in an unparsed tree.
 */
public class MarbleAlterUser extends SqlDdl {
  static final SqlOperator OPERATOR = MarbleDdl.op("ALTER USER", SqlKind.OTHER_DDL);

  /** What the statement changes. */
  public enum Action { PASSWORD, ADMIN, RENAME }

  public final SqlIdentifier name;
  public final Action action;
  /** The new password (PASSWORD), else null. */
  public final String password;
  /** The new admin flag (ADMIN). */
  public final boolean admin;
  /** The new name (RENAME), else null. */
  public final SqlIdentifier newName;

  public MarbleAlterUser(SqlParserPos pos, SqlIdentifier name, Action action, String password, boolean admin,
      SqlIdentifier newName) {
    super(OPERATOR, pos);
    this.name = name;
    this.action = action;
    this.password = password;
    this.admin = admin;
    this.newName = newName;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, newName);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER USER");
    name.unparse(writer, 0, 0);
    switch (action) {
      case PASSWORD -> {
        writer.keyword("PASSWORD");
        writer.literal("'<hidden>'");
      }
      case ADMIN -> writer.keyword(admin ? "ADMIN TRUE" : "ADMIN FALSE");
      case RENAME -> {
        writer.keyword("RENAME TO");
        newName.unparse(writer, 0, 0);
      }
    }
  }
}
