package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code ALTER TABLE [IF EXISTS] name action}, one action per statement. Only the fields that belong
 * to {@link #action} are set; the others are null / false.
 */
public class MarbleAlterTable extends SqlDdl {
  static final SqlOperator OPERATOR = MarbleDdl.op("ALTER TABLE", SqlKind.ALTER_TABLE);

  /** The alteration. */
  public enum Action {
    /** {@code ADD [COLUMN] [IF NOT EXISTS] coldef}: {@link #column}, {@link #ifNotExists}. */
    ADD_COLUMN,
    /** {@code DROP [COLUMN] [IF EXISTS] c}: {@link #columnName}, {@link #columnIfExists}. */
    DROP_COLUMN,
    /** {@code RENAME [COLUMN] a TO b}: {@link #columnName}, {@link #newName}. */
    RENAME_COLUMN,
    /** {@code ALTER [COLUMN] c SET DEFAULT expr}: {@link #columnName}, {@link #defaultValue}. */
    SET_DEFAULT,
    /** {@code ALTER [COLUMN] c DROP DEFAULT}: {@link #columnName}. */
    DROP_DEFAULT,
    /** {@code ALTER [COLUMN] c SET NOT NULL}: {@link #columnName}. */
    SET_NOT_NULL,
    /** {@code ALTER [COLUMN] c DROP NOT NULL}: {@link #columnName}. */
    DROP_NOT_NULL,
    /** {@code ALTER [COLUMN] c [SET DATA] TYPE type}: {@link #columnName}, {@link #newType}. */
    SET_DATA_TYPE,
    /** {@code RENAME TO t2}: {@link #newName}. */
    RENAME_TABLE,
    /** {@code ADD [CONSTRAINT n] PRIMARY KEY | UNIQUE | CHECK | FOREIGN KEY ...}: {@link #constraint}. */
    ADD_CONSTRAINT,
    /** {@code DROP CONSTRAINT [IF EXISTS] n}: {@link #constraintName}, {@link #constraintIfExists}. */
    DROP_CONSTRAINT
  }

  public final SqlIdentifier name;
  public final boolean ifExists;
  public final Action action;
  public final MarbleColumnDef column;
  public final boolean ifNotExists;
  public final SqlIdentifier columnName;
  public final boolean columnIfExists;
  public final SqlIdentifier newName;
  public final SqlNode defaultValue;
  public final SqlDataTypeSpec newType;
  public final MarbleTableConstraint constraint;
  public final SqlIdentifier constraintName;
  public final boolean constraintIfExists;

  private MarbleAlterTable(SqlParserPos pos, SqlIdentifier name, boolean ifExists, Action action,
      MarbleColumnDef column, boolean ifNotExists, SqlIdentifier columnName, boolean columnIfExists,
      SqlIdentifier newName, SqlNode defaultValue, SqlDataTypeSpec newType,
      MarbleTableConstraint constraint, SqlIdentifier constraintName, boolean constraintIfExists) {
    super(OPERATOR, pos);
    this.name = name;
    this.ifExists = ifExists;
    this.action = action;
    this.column = column;
    this.ifNotExists = ifNotExists;
    this.columnName = columnName;
    this.columnIfExists = columnIfExists;
    this.newName = newName;
    this.defaultValue = defaultValue;
    this.newType = newType;
    this.constraint = constraint;
    this.constraintName = constraintName;
    this.constraintIfExists = constraintIfExists;
  }

  public static MarbleAlterTable addColumn(SqlParserPos pos, SqlIdentifier name, boolean ifExists,
      MarbleColumnDef column, boolean ifNotExists) {
    return new MarbleAlterTable(pos, name, ifExists, Action.ADD_COLUMN, column, ifNotExists,
        column.name, false, null, null, null, null, null, false);
  }

  public static MarbleAlterTable dropColumn(SqlParserPos pos, SqlIdentifier name, boolean ifExists,
      SqlIdentifier columnName, boolean columnIfExists) {
    return new MarbleAlterTable(pos, name, ifExists, Action.DROP_COLUMN, null, false, columnName,
        columnIfExists, null, null, null, null, null, false);
  }

  /** RENAME_COLUMN if {@code columnName} is given, else RENAME_TABLE. */
  public static MarbleAlterTable rename(SqlParserPos pos, SqlIdentifier name, boolean ifExists,
      SqlIdentifier columnName, SqlIdentifier newName) {
    return new MarbleAlterTable(pos, name, ifExists,
        columnName == null ? Action.RENAME_TABLE : Action.RENAME_COLUMN, null, false, columnName,
        false, newName, null, null, null, null, false);
  }

  /** SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL or SET_DATA_TYPE. */
  public static MarbleAlterTable alterColumn(SqlParserPos pos, SqlIdentifier name,
      boolean ifExists, Action action, SqlIdentifier columnName, SqlNode defaultValue,
      SqlDataTypeSpec newType) {
    return new MarbleAlterTable(pos, name, ifExists, action, null, false, columnName, false, null,
        defaultValue, newType, null, null, false);
  }

  public static MarbleAlterTable addConstraint(SqlParserPos pos, SqlIdentifier name,
      boolean ifExists, MarbleTableConstraint constraint) {
    return new MarbleAlterTable(pos, name, ifExists, Action.ADD_CONSTRAINT, null, false, null,
        false, null, null, null, constraint, constraint.name, false);
  }

  public static MarbleAlterTable dropConstraint(SqlParserPos pos, SqlIdentifier name,
      boolean ifExists, SqlIdentifier constraintName, boolean constraintIfExists) {
    return new MarbleAlterTable(pos, name, ifExists, Action.DROP_CONSTRAINT, null, false, null,
        false, null, null, null, null, constraintName, constraintIfExists);
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, column, columnName, newName, defaultValue, newType,
        constraint, constraintName);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, 0, 0);
    switch (action) {
    case ADD_COLUMN:
      writer.keyword(ifNotExists ? "ADD COLUMN IF NOT EXISTS" : "ADD COLUMN");
      column.unparse(writer, 0, 0);
      break;
    case DROP_COLUMN:
      writer.keyword(columnIfExists ? "DROP COLUMN IF EXISTS" : "DROP COLUMN");
      columnName.unparse(writer, 0, 0);
      break;
    case RENAME_COLUMN:
      writer.keyword("RENAME COLUMN");
      columnName.unparse(writer, 0, 0);
      writer.keyword("TO");
      newName.unparse(writer, 0, 0);
      break;
    case RENAME_TABLE:
      writer.keyword("RENAME TO");
      newName.unparse(writer, 0, 0);
      break;
    case ADD_CONSTRAINT:
      writer.keyword("ADD");
      constraint.unparse(writer, 0, 0);
      break;
    case DROP_CONSTRAINT:
      writer.keyword(constraintIfExists ? "DROP CONSTRAINT IF EXISTS" : "DROP CONSTRAINT");
      constraintName.unparse(writer, 0, 0);
      break;
    default:
      writer.keyword("ALTER COLUMN");
      columnName.unparse(writer, 0, 0);
      unparseColumnChange(writer);
    }
  }

  private void unparseColumnChange(SqlWriter writer) {
    switch (action) {
    case SET_DEFAULT:
      writer.keyword("SET DEFAULT");
      defaultValue.unparse(writer, 0, 0);
      break;
    case DROP_DEFAULT:
      writer.keyword("DROP DEFAULT");
      break;
    case SET_NOT_NULL:
      writer.keyword("SET NOT NULL");
      break;
    case DROP_NOT_NULL:
      writer.keyword("DROP NOT NULL");
      break;
    case SET_DATA_TYPE:
      writer.keyword("SET DATA TYPE");
      newType.unparse(writer, 0, 0);
      break;
    default:
      throw new AssertionError(action);
    }
  }
}
