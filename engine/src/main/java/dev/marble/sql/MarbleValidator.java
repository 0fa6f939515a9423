package dev.marble.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Calcite's validator with one Marble rule: {@code *} does not expand to the hidden row id
 * {@value MarbleTable#ROWID} of key-less tables, except inside UPDATE, DELETE and MERGE, which need
 * it to find the rows they change. Naming the column explicitly always works.
 */
final class MarbleValidator extends SqlValidatorImpl {
  private final boolean showRowId;

  MarbleValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory types,
      Config config, boolean showRowId) {
    super(operators, reader, types, config);
    this.showRowId = showRowId;
  }

  @Override
  protected void addToSelectList(List<SqlNode> list, Set<String> aliases,
      List<Map.Entry<String, RelDataType>> fieldList, SqlNode exp, SelectScope scope,
      boolean includeSystemVars) {
    if (!showRowId && exp instanceof SqlIdentifier id && !id.isStar()
        && MarbleTable.ROWID.equals(id.names.get(id.names.size() - 1))) {
      return;
    }
    super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
  }
}
