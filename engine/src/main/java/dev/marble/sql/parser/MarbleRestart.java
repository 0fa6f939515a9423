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
 * {@code ALTER SEQUENCE [IF EXISTS] s RESTART [WITH n]} and {@code ALTER TABLE t ALTER [COLUMN] c
 * RESTART WITH n} (an identity column's sequence): what seed scripts run after inserting rows with
 * explicit ids.
 */
public class MarbleRestart extends SqlDdl {
  static final SqlOperator OPERATOR = MarbleDdl.op("RESTART", SqlKind.OTHER_DDL);

  /** The sequence, or the table of {@link #column}. */
  public final SqlIdentifier name;
  /** The identity column; null for ALTER SEQUENCE. */
  public final SqlIdentifier column;
  public final boolean ifExists;
  /** Null: the sequence's start value. */
  public final Long value;

  public MarbleRestart(SqlParserPos pos, SqlIdentifier name, SqlIdentifier column, boolean ifExists, Long value) {
    super(OPERATOR, pos);
    this.name = name;
    this.column = column;
    this.ifExists = ifExists;
    this.value = value;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, column);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(column == null ? "ALTER SEQUENCE" : "ALTER TABLE");
    name.unparse(writer, 0, 0);
    if (column != null) {
      writer.keyword("ALTER COLUMN");
      column.unparse(writer, 0, 0);
    }
    writer.keyword("RESTART");
    if (value != null) {
      writer.keyword("WITH " + value);
    }
  }
}
