package dev.marble.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import dev.marble.storage.catalog.Privilege;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.IdentifierNamespace;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Calcite's validator with one Marble rule: {@code *} does not expand to the hidden row id
 * {@value MarbleTable#ROWID} of key-less tables, except inside UPDATE, DELETE and MERGE, which need
 * it to find the rows they change. Naming the column explicitly always works.
 *
 * <p>After validation it also tells which privileges the statement needs ({@link #accesses()}).
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

  /**
   * The privileges the validated statement needs, from the tables and views its namespaces name:
   * INSERT, UPDATE or DELETE on the target of a DML statement (INSERT and UPDATE for UPSERT), SELECT
   * on everything it reads. A
   * view counts as itself; its query was validated apart, so the tables behind it need nothing.
   * The target of an UPDATE or DELETE also needs SELECT when the statement reads its rows (a WHERE
   * clause, or SET from other columns), as in PostgreSQL; a MERGE always does (its ON condition).
   */
  List<Access> accesses() {
    Map<SqlNode, Boolean> targetReads = new java.util.IdentityHashMap<>();
    List<Access> out = new java.util.ArrayList<>();
    for (Map.Entry<SqlNode, SqlValidatorNamespace> e : namespaces.entrySet()) {
      SqlNode node = e.getKey();
      Privilege privilege = switch (node.getKind()) {
        case INSERT -> Privilege.INSERT;
        case UPDATE -> Privilege.UPDATE;
        case DELETE -> Privilege.DELETE;
        case MERGE -> Privilege.SELECT;
        default -> null;
      };
      if (privilege != null) {
        add(out, e.getValue(), privilege);
        if (node instanceof SqlInsert insert && insert.isUpsert()) {
          add(out, e.getValue(), Privilege.UPDATE); // UPSERT INTO replaces the row of an existing key
        }
        if (node instanceof SqlUpdate u) {
          targetReads.put(u.getTargetTable(), u.getCondition() != null || readsColumns(u.getSourceExpressionList()));
        } else if (node instanceof SqlDelete d) {
          targetReads.put(d.getTargetTable(), d.getCondition() != null);
        }
      }
    }
    for (Map.Entry<SqlNode, SqlValidatorNamespace> e : namespaces.entrySet()) {
      // DML namespaces are identifier namespaces too: their node is the statement, not a name
      boolean name = e.getValue() instanceof IdentifierNamespace && e.getKey() instanceof SqlIdentifier;
      Boolean reads = targetReads.get(e.getKey());
      if (name && (reads == null || reads)) {
        add(out, e.getValue(), Privilege.SELECT);
      }
    }
    return out.stream().distinct().toList();
  }

  private static void add(List<Access> out, SqlValidatorNamespace namespace, Privilege privilege) {
    SqlValidatorTable table = namespace.getTable();
    if (table != null) {
      List<String> name = table.getQualifiedName();
      out.add(new Access(name.get(name.size() - 2), name.get(name.size() - 1), privilege));
    }
  }

  private static boolean readsColumns(SqlNodeList expressions) {
    boolean[] found = {false};
    expressions.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        found[0] = true;
        return null;
      }
    });
    return found[0];
  }
}
