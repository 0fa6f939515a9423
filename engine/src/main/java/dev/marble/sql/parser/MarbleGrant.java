package dev.marble.sql.parser;

import dev.marble.storage.catalog.Privilege;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code GRANT | REVOKE} of privileges on a table or view ({@code ON [TABLE] t}) or on a whole
 * schema ({@code ON SCHEMA s}), or of roles; to (from) users, roles or PUBLIC. Exactly one of
 * {@link #privileges} and {@link #roles} is non-empty.
 */
public class MarbleGrant extends SqlDdl {
  static final SqlOperator GRANT = MarbleDdl.op("GRANT", SqlKind.OTHER_DDL);
  static final SqlOperator REVOKE = MarbleDdl.op("REVOKE", SqlKind.OTHER_DDL);

  public final boolean grant;
  public final List<Privilege> privileges;
  public final List<SqlIdentifier> roles;
  /** The table, view or (with {@link #onSchema}) schema privileges are granted on; null for roles. */
  public final SqlIdentifier object;
  public final boolean onSchema;
  public final List<SqlIdentifier> grantees;

  public MarbleGrant(SqlParserPos pos, boolean grant, List<Privilege> privileges, List<SqlIdentifier> roles,
      SqlIdentifier object, boolean onSchema, List<SqlIdentifier> grantees) {
    super(grant ? GRANT : REVOKE, pos);
    this.grant = grant;
    this.privileges = List.copyOf(privileges.stream().distinct().toList());
    this.roles = List.copyOf(roles);
    this.object = object;
    this.onSchema = onSchema;
    this.grantees = List.copyOf(grantees);
  }

  @Override public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>(roles);
    if (object != null) {
      operands.add(object);
    }
    operands.addAll(grantees);
    return operands;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(grant ? "GRANT" : "REVOKE");
    if (privileges.isEmpty()) {
      commaList(writer, roles);
    } else {
      writer.keyword(String.join(", ", privileges.stream().map(Privilege::name).toList()));
      writer.keyword(onSchema ? "ON SCHEMA" : "ON TABLE");
      object.unparse(writer, 0, 0);
    }
    writer.keyword(grant ? "TO" : "FROM");
    commaList(writer, grantees);
  }

  private static void commaList(SqlWriter writer, List<SqlIdentifier> names) {
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        writer.sep(",");
      }
      names.get(i).unparse(writer, 0, 0);
    }
  }
}
