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

/**
 * Table-level constraint: {@code [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr)
 * | FOREIGN KEY (cols) REFERENCES ...}.
 */
public class MarbleTableConstraint extends SqlCall {
  /** Constraint type; {@link #sqlKind} is the matching Calcite kind. */
  public enum Kind {
    PRIMARY_KEY(SqlKind.PRIMARY_KEY),
    UNIQUE(SqlKind.UNIQUE),
    CHECK(SqlKind.CHECK),
    FOREIGN_KEY(SqlKind.FOREIGN_KEY);

    final SqlOperator operator;

    Kind(SqlKind sqlKind) {
      this.operator = MarbleDdl.op(name().replace('_', ' '), sqlKind);
    }
  }

  public final Kind kind;
  /** Null if unnamed. */
  public final SqlIdentifier name;
  /** Constrained columns (SqlIdentifier) for PRIMARY KEY, UNIQUE, FOREIGN KEY; null for CHECK. */
  public final SqlNodeList columns;
  /** The condition of a CHECK constraint, else null. */
  public final SqlNode check;
  /** The target of a FOREIGN KEY, else null. */
  public final MarbleForeignKeyRef references;

  public MarbleTableConstraint(SqlParserPos pos, Kind kind, SqlIdentifier name, SqlNodeList columns,
      SqlNode check, MarbleForeignKeyRef references) {
    super(pos);
    this.kind = kind;
    this.name = name;
    this.columns = columns;
    this.check = check;
    this.references = references;
  }

  @Override public SqlOperator getOperator() {
    return kind.operator;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columns, check, references);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      writer.keyword("CONSTRAINT");
      name.unparse(writer, 0, 0);
    }
    writer.keyword(kind.operator.getName());
    if (kind == Kind.CHECK) {
      MarbleDdl.unparseParenthesized(writer, check);
    } else {
      MarbleDdl.unparseList(writer, columns);
    }
    if (references != null) {
      references.unparse(writer, 0, 0);
    }
  }
}
