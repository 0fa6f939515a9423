package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code REFERENCES table [(col, ...)] [ON DELETE action] [ON UPDATE action]}. */
public class MarbleForeignKeyRef extends SqlCall {
  static final SqlOperator OPERATOR = MarbleDdl.op("REFERENCES", SqlKind.OTHER);

  public final SqlIdentifier table;
  /** Referenced columns (SqlIdentifier); null means the referenced table's primary key. */
  public final SqlNodeList columns;
  public final ReferentialAction onDelete;
  public final ReferentialAction onUpdate;

  public MarbleForeignKeyRef(SqlParserPos pos, SqlIdentifier table, SqlNodeList columns,
      ReferentialAction onDelete, ReferentialAction onUpdate) {
    super(pos);
    this.table = table;
    this.columns = columns;
    this.onDelete = onDelete == null ? ReferentialAction.NO_ACTION : onDelete;
    this.onUpdate = onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(table, columns);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("REFERENCES");
    table.unparse(writer, 0, 0);
    MarbleDdl.unparseList(writer, columns);
    if (onDelete != ReferentialAction.NO_ACTION) {
      writer.keyword("ON DELETE " + onDelete.sql);
    }
    if (onUpdate != ReferentialAction.NO_ACTION) {
      writer.keyword("ON UPDATE " + onUpdate.sql);
    }
  }
}
