package dev.marble.sql.parser;

import java.util.ArrayList;
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

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name (column | constraint, ...)
 * [WITH (key = literal, ...)]} or {@code CREATE TABLE [IF NOT EXISTS] name [(col, ...)] AS query}.
 */
public class MarbleCreateTable extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE TABLE", SqlKind.CREATE_TABLE);

  public final SqlIdentifier name;
  /** Columns in declaration order; in the AS form a column may have a null type. */
  public final List<MarbleColumnDef> columns;
  public final List<MarbleTableConstraint> constraints;
  /** {@link MarbleOption}s of the WITH clause; null if absent. */
  public final SqlNodeList options;
  /** The query of {@code CREATE TABLE ... AS query}, else null. */
  public final SqlNode query;

  public MarbleCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      List<MarbleColumnDef> columns, List<MarbleTableConstraint> constraints, SqlNodeList options,
      SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.columns = List.copyOf(columns);
    this.constraints = List.copyOf(constraints);
    this.options = options;
    this.query = query;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, new SqlNodeList(columns, SqlParserPos.ZERO),
        new SqlNodeList(constraints, SqlParserPos.ZERO), options, query);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, getReplace(), "TABLE", ifNotExists, name);
    if (!columns.isEmpty() || !constraints.isEmpty()) {
      List<SqlNode> elements = new ArrayList<>(columns);
      elements.addAll(constraints);
      MarbleDdl.unparseList(writer, elements);
    }
    if (options != null) {
      writer.keyword("WITH");
      MarbleDdl.unparseList(writer, options);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }
}
