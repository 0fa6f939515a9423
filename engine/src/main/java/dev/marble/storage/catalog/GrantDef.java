package dev.marble.storage.catalog;

/**
 * One privilege held by a user, a role or {@link SecurityDef#PUBLIC}: on one table or view, or on
 * every table and view of a schema (present and future) when {@code table} is null.
 *
 * @param grantor the user who granted it (informational, for INFORMATION_SCHEMA)
 */
public record GrantDef(String grantee, Privilege privilege, String schema, String table, String grantor) {
  /** Whether this grant covers {@code privilege} on {@code schemaName.tableName}. */
  public boolean covers(Privilege wanted, String schemaName, String tableName) {
    return privilege == wanted && schema.equals(schemaName) && (table == null || table.equals(tableName));
  }

  /** The same grant, whoever granted it: a second GRANT of it changes nothing. */
  boolean sameAs(GrantDef other) {
    return grantee.equals(other.grantee) && privilege == other.privilege && schema.equals(other.schema)
        && java.util.Objects.equals(table, other.table);
  }
}
