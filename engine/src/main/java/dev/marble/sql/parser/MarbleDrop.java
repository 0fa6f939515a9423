package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code DROP TABLE | VIEW | SEQUENCE | SCHEMA | INDEX | USER | ROLE [IF EXISTS] name [ON table]
 * [CASCADE | RESTRICT]} ({@code ON table} only for INDEX).
 */
public class MarbleDrop extends SqlDrop {
  /** What is dropped; {@code operator} carries the matching SqlKind. */
  public enum ObjectKind {
    TABLE(SqlKind.DROP_TABLE),
    VIEW(SqlKind.DROP_VIEW),
    SEQUENCE(SqlKind.DROP_SEQUENCE),
    SCHEMA(SqlKind.DROP_SCHEMA),
    INDEX(SqlKind.DROP_INDEX),
    USER(SqlKind.OTHER_DDL),
    ROLE(SqlKind.OTHER_DDL);

    final SqlOperator operator;

    ObjectKind(SqlKind sqlKind) {
      this.operator = MarbleDdl.op("DROP " + name(), sqlKind);
    }
  }

  public final ObjectKind kind;
  public final SqlIdentifier name;
  /** {@code DROP INDEX i ON t}: the table, else null. */
  public final SqlIdentifier onTable;
  public final boolean cascade;

  public MarbleDrop(SqlParserPos pos, ObjectKind kind, boolean ifExists, SqlIdentifier name,
      SqlIdentifier onTable, boolean cascade) {
    super(kind.operator, pos, ifExists);
    this.kind = kind;
    this.name = name;
    this.onTable = onTable;
    this.cascade = cascade;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, onTable);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP " + kind.name());
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, 0, 0);
    if (onTable != null) {
      writer.keyword("ON");
      onTable.unparse(writer, 0, 0);
    }
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
