package dev.marble.sql;

import org.apache.calcite.sql.SqlBasicCall;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * Rewrites of MERGE around two faults of Calcite's MERGE conversion (before validation):
 *
 * <ul>
 *   <li>With only {@code WHEN NOT MATCHED THEN INSERT} ("insert what is missing"), Calcite plans the
 *       MERGE without the target's columns, so the writer cannot tell matched source rows from new
 *       ones: it becomes {@code INSERT INTO target (cols) SELECT values FROM source WHERE NOT EXISTS
 *       (SELECT 1 FROM target alias WHERE condition)}.
 *   <li>Calcite reads the INSERT values through the source's top projection as if that projection
 *       were over the join, so a source that is a query or a view (anything but a plain table)
 *       inserted the wrong columns. The source becomes {@code (SELECT alias.*, TRUE FROM source
 *       alias) alias}: a projection whose first columns are its input's, where the two positions
 *       agree.
 * </ul>
 */
final class Merges {
  private Merges() {}

  static SqlNode rewrite(SqlNode node) {
    if (!(node instanceof SqlMerge merge) || merge.getInsertCall() == null) {
      return node;
    }
    if (merge.getUpdateCall() != null) {
      merge.setSourceTableRef(padded(merge.getSourceTableRef()));
      return merge;
    }
    if (!(merge.getInsertCall().getSource() instanceof SqlCall values)
        || values.getKind() != SqlKind.VALUES || values.operandCount() != 1) {
      return node;
    }
    SqlParserPos pos = merge.getParserPosition();
    SqlInsert insert = merge.getInsertCall();
    SqlNode target = merge.getAlias() == null ? merge.getTargetTable()
        : SqlStdOperatorTable.AS.createCall(pos, merge.getTargetTable(), merge.getAlias());
    SqlSelect matches = select(pos, SqlNodeList.of(SqlLiteral.createExactNumeric("1", pos)), target,
        merge.getCondition());
    SqlNode notMatched = SqlStdOperatorTable.NOT.createCall(pos, SqlStdOperatorTable.EXISTS.createCall(pos, matches));
    SqlBasicCall row = values.operand(0);
    SqlSelect source = select(pos, new SqlNodeList(row.getOperandList(), pos), merge.getSourceTableRef(),
        notMatched);
    return new SqlInsert(pos, SqlNodeList.EMPTY, merge.getTargetTable(), source, insert.getTargetColumnList());
  }

  private static SqlNode padded(SqlNode source) {
    SqlParserPos pos = source.getParserPosition();
    SqlIdentifier alias;
    if (source.getKind() == SqlKind.AS) {
      List<SqlNode> operands = ((SqlCall) source).getOperandList();
      if (operands.size() != 2) {
        return source; // AS alias (columns): left as it is
      }
      alias = (SqlIdentifier) operands.get(1);
    } else if (source instanceof SqlIdentifier table) {
      alias = new SqlIdentifier(Util.last(table.names), pos);
    } else {
      return source;
    }
    SqlNode star = alias.plusStar();
    SqlNode pad = SqlStdOperatorTable.AS.createCall(pos, SqlLiteral.createBoolean(true, pos),
        new SqlIdentifier("$MARBLE_MERGE_SOURCE", pos));
    return SqlStdOperatorTable.AS.createCall(pos, select(pos, SqlNodeList.of(star, pad), source, null), alias);
  }

  private static SqlSelect select(SqlParserPos pos, SqlNodeList items, SqlNode from, SqlNode where) {
    return new SqlSelect(pos, null, items, from, where, null, null, null, null, null, null, null, null);
  }
}
