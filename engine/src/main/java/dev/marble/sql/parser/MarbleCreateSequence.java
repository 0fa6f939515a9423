package dev.marble.sql.parser;

import java.util.List;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code CREATE SEQUENCE [IF NOT EXISTS] name [AS type] [START WITH n] [INCREMENT BY n]
 * [MINVALUE n | NO MINVALUE] [MAXVALUE n | NO MAXVALUE] [CYCLE | NO CYCLE] [CACHE n | NO CACHE]},
 * options in any order. Unspecified options are null (cycle: false).
 */
public class MarbleCreateSequence extends SqlCreate {
  static final SqlOperator OPERATOR = MarbleDdl.op("CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE);

  public final SqlIdentifier name;
  public final SqlDataTypeSpec dataType;
  public final Long start;
  public final Long increment;
  public final Long minValue;
  public final Long maxValue;
  public final Long cache;
  public final boolean cycle;

  private MarbleCreateSequence(SqlParserPos pos, boolean replace, Builder b) {
    super(OPERATOR, pos, replace, b.ifNotExists);
    this.name = b.name;
    this.dataType = b.dataType;
    this.start = b.start;
    this.increment = b.increment;
    this.minValue = b.minValue;
    this.maxValue = b.maxValue;
    this.cache = b.cache;
    this.cycle = b.cycle;
  }

  /** Collects sequence options while parsing (they may come in any order). */
  public static final class Builder {
    public final SqlIdentifier name;
    public final boolean ifNotExists;
    public SqlDataTypeSpec dataType;
    public Long start;
    public Long increment;
    public Long minValue;
    public Long maxValue;
    public Long cache;
    public boolean cycle;

    public Builder(SqlIdentifier name, boolean ifNotExists) {
      this.name = name;
      this.ifNotExists = ifNotExists;
    }

    public MarbleCreateSequence build(SqlParserPos pos, boolean replace) {
      return new MarbleCreateSequence(pos, replace, this);
    }
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, dataType);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    MarbleDdl.unparseCreate(writer, getReplace(), "SEQUENCE", ifNotExists, name);
    if (dataType != null) {
      writer.keyword("AS");
      dataType.unparse(writer, 0, 0);
    }
    MarbleDdl.unparseNumber(writer, "START WITH", start);
    MarbleDdl.unparseNumber(writer, "INCREMENT BY", increment);
    MarbleDdl.unparseNumber(writer, "MINVALUE", minValue);
    MarbleDdl.unparseNumber(writer, "MAXVALUE", maxValue);
    MarbleDdl.unparseNumber(writer, "CACHE", cache);
    if (cycle) {
      writer.keyword("CYCLE");
    }
  }
}
