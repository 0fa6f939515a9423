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

/** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (col [ASC | DESC], ...)}. */
public class MarbleCreateIndex extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE INDEX", SqlKind.CREATE_INDEX);

  public final boolean unique;
  public final SqlIdentifier name;
  public final SqlIdentifier table;
  public final List<SqlIdentifier> columns;
  /** One entry per column: true for DESC. */
  public final List<Boolean> descending;

  public MarbleCreateIndex(SqlParserPos pos, boolean replace, boolean unique, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier table, List<SqlIdentifier> columns,
      List<Boolean> descending) {
    super(OPERATOR, pos, replace, ifNotExists);
    if (columns.size() != descending.size()) {
      throw new IllegalArgumentException("columns and descending differ in size");
    }
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.descending = List.copyOf(descending);
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, table, new SqlNodeList(columns, SqlParserPos.ZERO));
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, getReplace(), unique ? "UNIQUE INDEX" : "INDEX", ifNotExists,
        name);
    writer.keyword("ON");
    table.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (int i = 0; i < columns.size(); i++) {
      writer.sep(",");
      columns.get(i).unparse(writer, 0, 0);
      if (descending.get(i)) {
        writer.keyword("DESC");
      }
    }
    writer.endList(frame);
  }
}
