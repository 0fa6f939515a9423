package dev.marble.sql;

import dev.marble.storage.catalog.SecurityDef;
import dev.marble.storage.catalog.UserDef;
import java.util.List;

/**
 * Enforcement, at each execution against the current catalog (plans are cached and shared, so a
 * GRANT or REVOKE applies to the next run of a statement prepared before it). Nothing is checked
 * while a database has no users. Admins may do anything; other users need ADMIN-free statements
 * and a grant, direct, through a role, through PUBLIC or on the whole schema, for each table or
 * view a statement reads or writes. INFORMATION_SCHEMA is readable by everyone.
 */
final class Privileges {
  private Privileges() {}

  /** Whether the session may do anything: no users yet, or an admin. */
  static boolean unrestricted(Session session) {
    SecurityDef security = session.database().catalog().security();
    if (!security.hasUsers()) {
      return true;
    }
    UserDef user = security.user(session.user());
    return user != null && user.admin();
  }

  /** Fails unless the session may run {@code what}, a statement reserved to admins. */
  static void requireAdmin(Session session, String what) {
    if (!unrestricted(session)) {
      throw new SqlEngineException(SqlEngineException.Code.INSUFFICIENT_PRIVILEGE,
          "user " + session.user() + " lacks ADMIN, which " + what + " needs");
    }
  }

  /** Fails on the first of {@code accesses} the session's user holds no grant for. */
  static void check(Session session, List<Access> accesses) {
    if (accesses.isEmpty() || unrestricted(session)) {
      return;
    }
    SecurityDef security = session.database().catalog().security();
    for (Access a : accesses) {
      if (!InformationSchema.is(a.schema()) && !security.holds(session.user(), a.privilege(), a.schema(), a.table())) {
        throw new SqlEngineException(SqlEngineException.Code.INSUFFICIENT_PRIVILEGE,
            "user " + session.user() + " lacks " + a.privilege() + " on " + a.schema() + "." + a.table());
      }
    }
  }
}
