package dev.marble.sql;

import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.GrantDef;
import dev.marble.storage.catalog.MembershipDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SecurityDef;
import dev.marble.storage.catalog.UserDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The rows of INFORMATION_SCHEMA's USERS, ROLES, APPLICABLE_ROLES and TABLE_PRIVILEGES. Password
 * hashes are never listed. A grant on a schema is listed as one row per table and view it covers
 * now, so TABLE_PRIVILEGES shows what each grantee may do to each table.
 */
public final class SecurityRows {
  private SecurityRows() {}

  static List<Object[]> users(Catalog catalog) {
    return catalog.security().users().stream().sorted(Comparator.comparing(UserDef::name))
        .map(u -> new Object[] {u.name(), u.admin() ? "YES" : "NO"}).toList();
  }

  static List<Object[]> roles(Catalog catalog) {
    return catalog.security().roles().stream().sorted().map(r -> new Object[] {r}).toList();
  }

  /** Direct memberships: GRANTEE holds the privileges of ROLE_NAME. */
  static List<Object[]> applicableRoles(Catalog catalog) {
    return catalog.security().memberships().stream()
        .sorted(Comparator.comparing(MembershipDef::member).thenComparing(MembershipDef::role))
        .map(m -> new Object[] {m.member(), m.role(), "NO"}).toList();
  }

  /**
   * One row per grantee, privilege and table or view: GRANTOR, GRANTEE, TABLE_CATALOG (null),
   * TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE, IS_GRANTABLE, WITH_HIERARCHY (both "NO").
   */
  public static List<Object[]> tablePrivileges(Catalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    SecurityDef security = catalog.security();
    for (GrantDef g : security.grants()) {
      SchemaDef schema = catalog.schemas().get(g.schema());
      TreeSet<String> tables = new TreeSet<>();
      if (g.table() != null) {
        tables.add(g.table());
      } else if (schema != null) {
        tables.addAll(schema.tables().keySet());
        tables.addAll(schema.views().keySet());
      }
      for (String table : tables) {
        rows.add(new Object[] {g.grantor(), g.grantee(), null, g.schema(), table, g.privilege().name(), "NO", "NO"});
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[4])
        .thenComparing(r -> (String) r[1]).thenComparing(r -> (String) r[5]));
    // a table grant and a schema grant of the same privilege show once
    List<Object[]> distinct = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
      if (last == null || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(last, 1, 6),
          java.util.Arrays.copyOfRange(r, 1, 6))) {
        distinct.add(r);
      }
    }
    return distinct;
  }
}
