package dev.marble.sql;

import dev.marble.sql.parser.MarbleAlterUser;
import dev.marble.sql.parser.MarbleCreateRole;
import dev.marble.sql.parser.MarbleCreateUser;
import dev.marble.sql.parser.MarbleDrop;
import dev.marble.sql.parser.MarbleGrant;
import dev.marble.storage.Database;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.GrantDef;
import dev.marble.storage.catalog.MembershipDef;
import dev.marble.storage.catalog.Privilege;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SecurityDef;
import dev.marble.storage.catalog.UserDef;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Users, roles and grants: CREATE / ALTER / DROP USER, CREATE / DROP ROLE, GRANT and REVOKE. Runs
 * under the schema lock like all DDL, and only for admins (checked before, in {@link DdlExecutor}).
 *
 * <p>Two rules keep a database manageable: its first user must be an admin (once a user exists,
 * only admins can create users), and the last admin can be neither dropped nor demoted.
 */
final class UserDdl {
  private final Session session;
  private final Database database;

  UserDdl(Session session) {
    this.session = session;
    this.database = session.database();
  }

  private SecurityDef security() {
    return database.catalog().security();
  }

  private void publish(SecurityDef next) {
    database.publish(database.catalog().withSecurity(next));
  }

  // ---- users and roles ------------------------------------------------------------------------

  long createUser(MarbleCreateUser create) {
    String name = create.name.getSimple();
    SecurityDef security = security();
    if (create.ifNotExists && security.user(name) != null) {
      return 0;
    }
    requireFreeName(security, name);
    if (create.password.isEmpty()) {
      throw invalid("The password of user " + name + " must not be empty");
    }
    boolean first = !security.hasUsers();
    if (first && !create.admin) {
      throw invalid("The first user of a database must be an admin (CREATE USER " + name
          + " PASSWORD '...' ADMIN): from then on only admins can manage users, so a database whose"
          + " only users are not admins could never be managed again");
    }
    publish(security.withUser(Passwords.create(name, create.password, create.admin)));
    if (first) {
      session.becomeUser(name); // it had every right without users; it keeps them as the admin
    }
    return 0;
  }

  long alterUser(MarbleAlterUser alter) {
    String name = alter.name.getSimple();
    SecurityDef security = security();
    UserDef user = requireUser(security, name);
    switch (alter.action) {
      case PASSWORD -> {
        if (alter.password.isEmpty()) {
          throw invalid("The password of user " + name + " must not be empty");
        }
        UserDef fresh = Passwords.create(name, alter.password, user.admin());
        publish(security.withUser(user.withPassword(fresh.salt(), fresh.hash(), fresh.iterations())));
        Passwords.forget(name);
      }
      case ADMIN -> {
        if (!alter.admin) {
          requireAnotherAdmin(security, user, "ALTER USER " + name + " ADMIN FALSE");
        }
        publish(security.withUser(user.withAdmin(alter.admin)));
      }
      case RENAME -> {
        String to = alter.newName.getSimple();
        requireFreeName(security, to);
        publish(security.renamed(name, to));
        Passwords.forget(name);
        if (session.user().equals(name)) {
          session.becomeUser(to);
        }
      }
    }
    return 0;
  }

  long dropUser(MarbleDrop drop) {
    String name = simpleName(drop.name);
    SecurityDef security = security();
    UserDef user = security.user(name);
    if (user == null && drop.ifExists) {
      return 0;
    }
    requireUser(security, name);
    if (name.equals(session.user())) {
      throw invalid("User " + name + " is the user of this session and cannot drop itself");
    }
    requireAnotherAdmin(security, user, "DROP USER " + name);
    publish(security.without(name));
    Passwords.forget(name);
    return 0;
  }

  long createRole(MarbleCreateRole create) {
    String name = create.name.getSimple();
    SecurityDef security = security();
    if (create.ifNotExists && security.hasRole(name)) {
      return 0;
    }
    requireFreeName(security, name);
    publish(security.withRole(name));
    return 0;
  }

  long dropRole(MarbleDrop drop) {
    String name = simpleName(drop.name);
    SecurityDef security = security();
    if (!security.hasRole(name)) {
      if (drop.ifExists) {
        return 0;
      }
      throw unknown("Role " + name + " does not exist");
    }
    publish(security.without(name));
    return 0;
  }

  // ---- GRANT and REVOKE -----------------------------------------------------------------------

  long grant(MarbleGrant grant) {
    SecurityDef security = security();
    for (SqlIdentifier grantee : grant.grantees) {
      requireGrantee(security, grantee.getSimple());
    }
    SecurityDef next = grant.privileges.isEmpty() ? roles(security, grant) : privileges(security, grant);
    if (next != security) {
      publish(next);
    }
    return 0;
  }

  private SecurityDef roles(SecurityDef security, MarbleGrant grant) {
    SecurityDef next = security;
    for (SqlIdentifier roleName : grant.roles) {
      String role = roleName.getSimple();
      if (security.user(role) != null) {
        throw invalid(role + " is a user, not a role: only roles can be granted to users and roles");
      }
      if (!security.hasRole(role)) {
        throw unknown("Role " + role + " does not exist");
      }
      for (SqlIdentifier granteeName : grant.grantees) {
        String grantee = granteeName.getSimple();
        MembershipDef membership = new MembershipDef(grantee, role);
        if (!grant.grant) {
          next = next.withoutMembership(membership);
          continue;
        }
        // a role that (through others) holds the grantee already would contain itself
        if (grantee.equals(role) || !grantee.equals(SecurityDef.PUBLIC) && next.grantees(role).contains(grantee)) {
          throw invalid("Granting role " + role + " to " + grantee + " would make a role a member of itself");
        }
        next = next.withMembership(membership);
      }
    }
    return next;
  }

  private SecurityDef privileges(SecurityDef security, MarbleGrant grant) {
    String schema;
    String table = null;
    if (grant.onSchema) {
      SchemaDef s = database.catalog().schema(grant.object.getSimple());
      if (s == null || InformationSchema.is(grant.object.getSimple())) {
        throw unknown("Schema " + grant.object.getSimple() + " does not exist");
      }
      schema = s.name();
    } else {
      DdlExecutor.QualifiedName q = resolve(grant.object);
      schema = q.schema().name();
      table = q.schema().table(q.name()) != null ? q.schema().table(q.name()).name()
          : q.schema().view(q.name()) != null ? q.schema().view(q.name()).name() : null;
      if (table == null) {
        throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_TABLE,
            "Table or view " + schema + "." + q.name() + " does not exist");
      }
    }
    SecurityDef next = security;
    for (SqlIdentifier grantee : grant.grantees) {
      for (Privilege p : grant.privileges) {
        GrantDef g = new GrantDef(grantee.getSimple(), p, schema, table, session.user());
        next = grant.grant ? next.withGrant(g) : next.withoutGrant(g);
      }
    }
    return next;
  }

  private DdlExecutor.QualifiedName resolve(SqlIdentifier id) {
    Catalog catalog = database.catalog();
    String schemaName = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : session.schema();
    SchemaDef schema = catalog.schema(schemaName);
    if (schema == null || InformationSchema.is(schemaName)) {
      throw unknown("Schema " + schemaName + " does not exist");
    }
    return new DdlExecutor.QualifiedName(schema, id.names.get(id.names.size() - 1));
  }

  // ---- checks -------------------------------------------------------------------------------

  private static void requireFreeName(SecurityDef security, String name) {
    if (name.equals(SecurityDef.PUBLIC)) {
      throw invalid("PUBLIC is the role of every user; it cannot name a user or role");
    }
    if (security.taken(name)) {
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_AUTHORIZATION,
          (security.user(name) != null ? "User " : "Role ") + name + " already exists");
    }
  }

  private static UserDef requireUser(SecurityDef security, String name) {
    UserDef user = security.user(name);
    if (user == null) {
      throw unknown("User " + name + " does not exist");
    }
    return user;
  }

  private static void requireGrantee(SecurityDef security, String name) {
    if (!name.equals(SecurityDef.PUBLIC) && !security.taken(name)) {
      throw unknown("User or role " + name + " does not exist");
    }
  }

  private static void requireAnotherAdmin(SecurityDef security, UserDef user, String what) {
    if (user.admin() && security.adminCount() == 1) {
      throw invalid("Cannot run " + what + ": " + user.name()
          + " is the last admin, and a database without one could not be managed any more");
    }
  }

  private static String simpleName(SqlIdentifier id) {
    if (id.names.size() != 1) {
      throw invalid("A user or role name has one part, not " + id);
    }
    return id.getSimple();
  }

  private static SqlEngineException invalid(String message) {
    return new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, message);
  }

  private static SqlEngineException unknown(String message) {
    return new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, message);
  }
}
