package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlTruncate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code TRUNCATE TABLE name [RESTART IDENTITY | CONTINUE IDENTITY]}. */
public class MarbleTruncateTable extends SqlTruncate {
  static final SqlOperator OPERATOR = MarbleDdl.op("TRUNCATE TABLE", SqlKind.TRUNCATE_TABLE);

  public final SqlIdentifier name;
  /** True for RESTART IDENTITY; false for CONTINUE IDENTITY (the default). */
  public final boolean restartIdentity;

  public MarbleTruncateTable(SqlParserPos pos, SqlIdentifier name, boolean restartIdentity) {
    super(OPERATOR, pos);
    this.name = name;
    this.restartIdentity = restartIdentity;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    name.unparse(writer, 0, 0);
    if (restartIdentity) {
      writer.keyword("RESTART IDENTITY");
    }
  }
}
