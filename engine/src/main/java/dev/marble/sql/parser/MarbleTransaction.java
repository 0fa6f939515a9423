package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * A transaction-control statement: COMMIT, ROLLBACK [TO SAVEPOINT s], SAVEPOINT s, RELEASE
 * SAVEPOINT s, START TRANSACTION / BEGIN. Not DDL: it does not commit anything first.
 */
public class MarbleTransaction extends SqlCall {
  static final SqlOperator OPERATOR = MarbleDdl.op("TRANSACTION CONTROL", SqlKind.OTHER);

  /** What the statement does. */
  public enum Action {
    COMMIT("COMMIT"),
    ROLLBACK("ROLLBACK"),
    ROLLBACK_TO_SAVEPOINT("ROLLBACK TO SAVEPOINT"),
    SAVEPOINT("SAVEPOINT"),
    RELEASE_SAVEPOINT("RELEASE SAVEPOINT"),
    BEGIN("START TRANSACTION");

    /** The SQL spelling. */
    public final String sql;

    Action(String sql) {
      this.sql = sql;
    }
  }

  public final Action action;
  /** The savepoint name; null for COMMIT, ROLLBACK and BEGIN. */
  public final SqlIdentifier savepoint;

  public MarbleTransaction(SqlParserPos pos, Action action, SqlIdentifier savepoint) {
    super(pos);
    this.action = action;
    this.savepoint = savepoint;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(savepoint);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(action.sql);
    if (savepoint != null) {
      savepoint.unparse(writer, leftPrec, rightPrec);
    }
  }
}
