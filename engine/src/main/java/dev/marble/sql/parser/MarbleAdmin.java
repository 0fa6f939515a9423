package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Database administration: {@code CHECK DATABASE} and {@code BACKUP TO 'directory'}. */
public class MarbleAdmin extends SqlCall {
  static final SqlOperator OPERATOR = MarbleDdl.op("ADMIN", SqlKind.OTHER);

  /** What the statement does. */
  public enum Action { CHECK_DATABASE, BACKUP }

  public final Action action;
  /** The backup directory; null for CHECK DATABASE. */
  public final String target;

  public MarbleAdmin(SqlParserPos pos, Action action, String target) {
    super(pos);
    this.action = action;
    this.target = target;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (action == Action.CHECK_DATABASE) {
      writer.keyword("CHECK DATABASE");
    } else {
      writer.keyword("BACKUP TO");
      writer.literal("'" + target.replace("'", "''") + "'");
    }
  }
}
