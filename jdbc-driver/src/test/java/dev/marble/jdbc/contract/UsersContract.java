package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Users, roles and privileges through JDBC. The backend's own connection {@link #c} is opened
 * without credentials while the database has no users; it creates the first user (an admin) and
 * keeps working as that user. Other users connect with {@link Backend#connect(String, String)}.
 */
public abstract class UsersContract extends ContractBase {
  private static final String ADMIN_PASSWORD = "Adm1n-pw!";
  private static final String BOB_PASSWORD = "b0b-secret";

  /** An admin, a table with rows, and BOB, who has no privileges yet. */
  private void adminAndBob() throws SQLException {
    exec("CREATE USER admin PASSWORD '" + ADMIN_PASSWORD + "' ADMIN",
        "CREATE TABLE orders (id INT PRIMARY KEY, qty INT)",
        "INSERT INTO orders VALUES (1, 10), (2, 20)",
        "CREATE USER bob PASSWORD '" + BOB_PASSWORD + "'");
  }

  private Connection bob() throws SQLException {
    return backend.connect("bob", BOB_PASSWORD);
  }

  private static SQLException fails(Connection conn, String state, String sql, String... words) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement st = conn.createStatement()) {
        st.execute(sql);
      }
    }, sql);
    assertEquals(state, e.getSQLState(), () -> "SQLState of " + sql + ": " + e.getMessage());
    for (String w : words) {
      assertTrue(e.getMessage().toUpperCase().contains(w.toUpperCase()),
          () -> "message of " + sql + " should name " + w + ": " + e.getMessage());
    }
    return e;
  }

  private static int update(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  // ---- without users --------------------------------------------------------------------------

  @Test
  void withoutUsersAnyoneMayDoAnything() throws SQLException {
    assertEquals("0", one("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS"));
    try (Connection anyone = backend.connect("whoever", "whatever")) {
      update(anyone, "CREATE TABLE t (x INT)");
      assertEquals(1, update(anyone, "INSERT INTO t VALUES (1)"));
      assertEquals(List.of("1"), rows(anyone, "SELECT x FROM t"));
    }
  }

  @Test
  void theFirstUserMustBeAnAdminAndItsCreatorKeepsWorking() throws SQLException {
    fails("42000", "CREATE USER bob PASSWORD 'x'", "first user", "admin");
    assertEquals("0", one("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS"));
    exec("CREATE USER admin PASSWORD '" + ADMIN_PASSWORD + "' ADMIN");
    assertEquals("ADMIN", c.getMetaData().getUserName());
    exec("CREATE TABLE t (x INT)", "INSERT INTO t VALUES (1)", "CREATE USER bob WITH PASSWORD 'x'");
    assertEquals(List.of("ADMIN|YES", "BOB|NO"), rows("SELECT user_name, is_admin FROM INFORMATION_SCHEMA.USERS"));
    fails("42710", "CREATE USER bob PASSWORD 'y'", "BOB");
    exec("CREATE USER IF NOT EXISTS bob PASSWORD 'y'");
    fails("42000", "CREATE USER carol PASSWORD ''", "CAROL", "empty");
  }

  // ---- connecting -----------------------------------------------------------------------------

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() throws SQLException {
    adminAndBob();
    SQLException wrong = assertThrows(SQLException.class, () -> backend.connect("bob", "guess"));
    SQLException unknown = assertThrows(SQLException.class, () -> backend.connect("nobody", BOB_PASSWORD));
    SQLException missing = assertThrows(SQLException.class, () -> backend.connect("", ""));
    for (SQLException e : List.of(wrong, unknown, missing)) {
      assertEquals("28000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("invalid user name or password for database"), e.getMessage());
      assertFalse(e.getMessage().contains(BOB_PASSWORD) || e.getMessage().contains("guess"), e.getMessage());
    }
    assertEquals(wrong.getMessage(), unknown.getMessage());
    try (Connection upper = backend.connect("BOB", BOB_PASSWORD); Connection lower = bob()) {
      assertEquals("BOB", upper.getMetaData().getUserName());
      assertEquals("BOB", lower.getMetaData().getUserName());
    }
  }

  @Test
  void aChangedPasswordReplacesTheOldOneAtOnce() throws SQLException {
    adminAndBob();
    Connection open = bob(); // the check is now remembered; the change must still take effect
    exec("ALTER USER bob PASSWORD 'n3w-pw'");
    // a session opened before stays open (a pool keeps it); a new one needs the new password.
    // "Bob" finds BOB too, and is a fresh login even through a pool, which keys by the name given
    assertEquals(List.of("ADMIN", "BOB"), rows(open, "SELECT user_name FROM INFORMATION_SCHEMA.USERS"));
    open.close();
    assertEquals("28000", assertThrows(SQLException.class, () -> backend.connect("Bob", BOB_PASSWORD)).getSQLState());
    try (Connection b = backend.connect("bob", "n3w-pw")) {
      update(b, "ALTER USER bob WITH PASSWORD 'n3w-pw-2'"); // a user may change its own password
      fails(b, "42501", "ALTER USER admin PASSWORD 'taken-over'", "BOB", "ADMIN");
    }
    backend.connect("bob", "n3w-pw-2").close();
    backend.connect("admin", ADMIN_PASSWORD).close();
  }

  @Test
  void renamingAUserKeepsItsGrants() throws SQLException {
    adminAndBob();
    exec("GRANT SELECT ON orders TO bob", "ALTER USER bob RENAME TO robert");
    assertEquals("28000", assertThrows(SQLException.class, this::bob).getSQLState());
    try (Connection robert = backend.connect("robert", BOB_PASSWORD)) {
      assertEquals(List.of("1", "2"), rows(robert, "SELECT id FROM orders ORDER BY id"));
    }
    fails("42704", "ALTER USER bob PASSWORD 'x'", "BOB");
    fails("42704", "DROP USER bob", "BOB");
    exec("DROP USER IF EXISTS bob", "DROP USER robert");
    assertEquals("0", one("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES"));
  }

  // ---- privileges -----------------------------------------------------------------------------

  @Test
  void eachStatementNeedsItsPrivilege() throws SQLException {
    adminAndBob();
    try (Connection b = bob()) {
      fails(b, "42501", "SELECT * FROM orders", "user BOB lacks SELECT on PUBLIC.ORDERS");
      fails(b, "42501", "INSERT INTO orders VALUES (3, 30)", "INSERT", "PUBLIC.ORDERS");
      exec("GRANT SELECT ON TABLE orders TO bob");
      assertEquals(List.of("1|10", "2|20"), rows(b, "SELECT * FROM orders ORDER BY id"));
      fails(b, "42501", "INSERT INTO orders VALUES (3, 30)", "INSERT", "PUBLIC.ORDERS");
      b.setAutoCommit(false);
      fails(b, "42501", "SELECT * FROM orders WHERE id = 1 FOR UPDATE", "UPDATE", "PUBLIC.ORDERS");
      b.setAutoCommit(true);
      exec("GRANT INSERT, UPDATE ON orders TO bob");
      assertEquals(List.of("1|10"), rows(b, "SELECT * FROM orders WHERE id = 1 FOR UPDATE"));
      assertEquals(1, update(b, "INSERT INTO orders VALUES (3, 30)"));
      assertEquals(3, update(b, "UPDATE orders SET qty = qty + 1"));
      fails(b, "42501", "DELETE FROM orders WHERE id = 3", "DELETE", "PUBLIC.ORDERS");
      exec("REVOKE SELECT ON orders FROM bob", "GRANT DELETE ON orders TO bob");
      assertEquals(1, update(b, "INSERT INTO orders VALUES (4, 40)")); // writing needs no SELECT
      exec("REVOKE UPDATE ON orders FROM bob");
      fails(b, "42501", "UPSERT INTO orders VALUES (4, 41)", "UPDATE", "PUBLIC.ORDERS");
      exec("GRANT UPDATE ON orders TO bob");
      assertEquals(1, update(b, "UPSERT INTO orders VALUES (4, 41)"));
      assertEquals(4, update(b, "UPDATE orders SET qty = 5"));
      // reading the rows to change (WHERE, SET from columns) needs SELECT, as in PostgreSQL
      fails(b, "42501", "UPDATE orders SET qty = 6 WHERE id = 1", "SELECT", "PUBLIC.ORDERS");
      fails(b, "42501", "UPDATE orders SET qty = qty + 1", "SELECT", "PUBLIC.ORDERS");
      fails(b, "42501", "DELETE FROM orders WHERE id = 3", "SELECT", "PUBLIC.ORDERS");
      fails(b, "42501", "INSERT INTO orders SELECT id + 10, qty FROM orders", "SELECT", "PUBLIC.ORDERS");
      assertEquals(4, update(b, "DELETE FROM orders"));
      exec("REVOKE ALL PRIVILEGES ON orders FROM bob");
      fails(b, "42501", "TRUNCATE TABLE orders", "DELETE", "PUBLIC.ORDERS");
    }
  }

  @Test
  void ddlAndUserManagementNeedAdmin() throws SQLException {
    adminAndBob();
    exec("GRANT ALL ON orders TO bob");
    try (Connection b = bob()) {
      fails(b, "42501", "CREATE TABLE mine (x INT)", "BOB", "ADMIN", "CREATE TABLE");
      fails(b, "42501", "DROP TABLE orders", "ADMIN");
      fails(b, "42501", "ALTER TABLE orders ADD COLUMN note VARCHAR(10)", "ADMIN");
      fails(b, "42501", "CREATE USER eve PASSWORD 'x'", "ADMIN");
      fails(b, "42501", "CREATE ROLE r", "ADMIN");
      fails(b, "42501", "GRANT SELECT ON orders TO PUBLIC", "ADMIN");
      fails(b, "42501", "CHECK DATABASE", "ADMIN");
      assertEquals(List.of("ADMIN", "BOB"), rows(b, "SELECT user_name FROM INFORMATION_SCHEMA.USERS"));
      b.setSchema("PUBLIC");
      assertEquals(2, update(b, "TRUNCATE TABLE orders")); // DELETE is enough
    }
    exec("ALTER USER bob ADMIN TRUE");
    try (Connection b = bob()) {
      update(b, "CREATE TABLE mine (x INT)");
    }
  }

  @Test
  void rolesPassTheirPrivilegesOn() throws SQLException {
    adminAndBob();
    exec("CREATE ROLE reader", "CREATE ROLE IF NOT EXISTS reader", "CREATE ROLE clerk",
        "GRANT SELECT ON orders TO reader", "GRANT reader TO clerk", "GRANT clerk TO bob");
    fails("42710", "CREATE ROLE bob", "BOB");
    fails("42710", "CREATE USER reader PASSWORD 'x'", "READER");
    fails("42704", "GRANT nosuch TO bob", "NOSUCH");
    fails("42704", "GRANT reader TO nobody", "NOBODY");
    fails("42000", "GRANT bob TO reader", "BOB");
    fails("42000", "GRANT clerk TO reader", "member of itself");
    try (Connection b = bob()) {
      assertEquals(List.of("1", "2"), rows(b, "SELECT id FROM orders ORDER BY id"));
      exec("REVOKE clerk FROM bob");
      fails(b, "42501", "SELECT id FROM orders", "SELECT", "PUBLIC.ORDERS");
      exec("GRANT reader TO bob");
      assertEquals(2, rows(b, "SELECT id FROM orders").size());
      exec("DROP ROLE reader");
      fails(b, "42501", "SELECT id FROM orders", "SELECT", "PUBLIC.ORDERS");
      exec("GRANT SELECT ON orders TO PUBLIC");
      assertEquals(2, rows(b, "SELECT id FROM orders").size());
    }
    fails("42704", "DROP ROLE reader", "READER");
    exec("DROP ROLE IF EXISTS reader");
    assertEquals(List.of("CLERK"), rows("SELECT role_name FROM INFORMATION_SCHEMA.ROLES"));
  }

  @Test
  void schemaGrantsCoverPresentAndFutureTables() throws SQLException {
    adminAndBob();
    exec("CREATE SCHEMA sales", "CREATE TABLE sales.deals (id INT PRIMARY KEY)",
        "GRANT SELECT, INSERT ON SCHEMA sales TO bob", "CREATE TABLE sales.later (id INT)");
    try (Connection b = bob()) {
      assertEquals(1, update(b, "INSERT INTO sales.deals VALUES (1)"));
      assertEquals(1, update(b, "INSERT INTO sales.later SELECT id FROM sales.deals"));
      fails(b, "42501", "SELECT * FROM orders", "PUBLIC.ORDERS");
      fails(b, "42501", "DELETE FROM sales.deals", "DELETE", "SALES.DEALS");
      exec("REVOKE INSERT ON SCHEMA sales FROM bob");
      fails(b, "42501", "INSERT INTO sales.deals VALUES (2)", "INSERT", "SALES.DEALS");
      assertEquals(List.of("1"), rows(b, "SELECT id FROM sales.later"));
    }
    assertEquals(List.of("BOB|SALES|DEALS|SELECT", "BOB|SALES|LATER|SELECT"), rows("SELECT grantee, table_schema,"
        + " table_name, privilege_type FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES ORDER BY table_name"));
    exec("DROP SCHEMA sales CASCADE", "CREATE SCHEMA sales", "CREATE TABLE sales.deals (id INT)");
    try (Connection b = bob()) {
      fails(b, "42501", "SELECT * FROM sales.deals", "SALES.DEALS"); // the grant went with the schema
    }
  }

  @Test
  void aViewNeedsSelectOnTheViewOnly() throws SQLException {
    adminAndBob();
    exec("CREATE VIEW big AS SELECT id FROM orders WHERE qty > 15", "GRANT SELECT ON big TO bob");
    try (Connection b = bob()) {
      assertEquals(List.of("2"), rows(b, "SELECT id FROM big"));
      fails(b, "42501", "SELECT id FROM orders", "PUBLIC.ORDERS");
      fails(b, "42501", "SELECT b.id FROM big b JOIN orders o ON o.id = b.id", "PUBLIC.ORDERS");
      fails(b, "42501", "SELECT id FROM big WHERE id IN (SELECT id FROM orders)", "PUBLIC.ORDERS");
      assertEquals(List.of("2"), rows(b, "WITH orders AS (SELECT id FROM big) SELECT id FROM orders"));
    }
  }

  @Test
  void mergeNeedsWhatItDoes() throws SQLException {
    adminAndBob();
    exec("CREATE TABLE incoming (id INT PRIMARY KEY, qty INT)", "INSERT INTO incoming VALUES (2, 99), (5, 50)",
        "GRANT SELECT ON incoming TO bob");
    String merge = "MERGE INTO orders o USING incoming i ON o.id = i.id"
        + " WHEN MATCHED THEN UPDATE SET qty = i.qty WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (i.id, i.qty)";
    try (Connection b = bob()) {
      exec("GRANT UPDATE, INSERT ON orders TO bob");
      fails(b, "42501", merge, "SELECT", "PUBLIC.ORDERS");
      exec("GRANT SELECT ON orders TO bob", "REVOKE INSERT ON orders FROM bob");
      fails(b, "42501", merge, "INSERT", "PUBLIC.ORDERS");
      exec("GRANT INSERT ON orders TO bob");
      assertEquals(2, update(b, merge));
    }
    assertEquals(List.of("1|10", "2|99", "5|50"), rows("SELECT * FROM orders ORDER BY id"));
  }

  @Test
  void revokeStopsAStatementPreparedBefore() throws SQLException {
    adminAndBob();
    exec("GRANT SELECT ON orders TO bob");
    try (Connection b = bob(); PreparedStatement ps = b.prepareStatement("SELECT qty FROM orders WHERE id = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(10, rs.getInt(1));
      }
      exec("REVOKE SELECT ON orders FROM bob");
      SQLException e = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("42501", e.getSQLState());
      assertTrue(e.getMessage().contains("user BOB lacks SELECT on PUBLIC.ORDERS"), e.getMessage());
      exec("GRANT SELECT ON orders TO bob");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void theLastAdminStays() throws SQLException {
    adminAndBob();
    fails("42000", "ALTER USER admin ADMIN FALSE", "last admin");
    fails("42000", "DROP USER admin", "ADMIN");
    exec("CREATE USER admin2 PASSWORD 'second' ADMIN");
    try (Connection second = backend.connect("admin2", "second")) {
      update(second, "DROP USER admin");
      fails(second, "42000", "ALTER USER admin2 ADMIN FALSE", "last admin");
      update(second, "ALTER USER bob ADMIN TRUE");
      update(second, "ALTER USER admin2 ADMIN FALSE");
      fails(second, "42501", "CREATE TABLE x (a INT)", "ADMIN2", "ADMIN");
    }
    // the session that created the first user was that user; dropped, it has no rights left
    fails("42501", "SELECT * FROM orders", "ADMIN", "PUBLIC.ORDERS");
  }

  @Test
  void grantsFollowTheirTables() throws SQLException {
    adminAndBob();
    exec("GRANT SELECT ON orders TO bob", "ALTER TABLE orders RENAME TO purchases");
    assertEquals(List.of("ADMIN|BOB|PUBLIC|PURCHASES|SELECT|NO"), rows("SELECT grantor, grantee, table_schema,"
        + " table_name, privilege_type, is_grantable FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES"));
    List<String> jdbc = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTablePrivileges(null, "PUBLIC", "PURCH%")) {
      while (rs.next()) {
        jdbc.add(rs.getString("TABLE_NAME") + "|" + rs.getString("GRANTOR") + "|" + rs.getString("GRANTEE") + "|"
            + rs.getString("PRIVILEGE") + "|" + rs.getString("IS_GRANTABLE"));
      }
    }
    assertEquals(List.of("PURCHASES|ADMIN|BOB|SELECT|NO"), jdbc);
    exec("DROP TABLE purchases", "CREATE TABLE purchases (id INT)");
    assertEquals("0", one("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES"));
    try (Connection b = bob()) {
      fails(b, "42501", "SELECT * FROM purchases", "PUBLIC.PURCHASES");
    }
  }

  @Test
  void passwordsStayOutOfErrors() throws SQLException {
    adminAndBob();
    SQLException e = fails("42000", "CREATE USER carol PASSWORD 'hunter2-secret' NONSENSE");
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.getMessage());
    }
    e = fails("42000", "ALTER USER bob PASSWORD 'hunter2-secret' 'again'");
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    fails("42000", "CREATE USER public PASSWORD 'x'", "PUBLIC");
    fails("42704", "GRANT SELECT ON orders TO nobody", "NOBODY");
    fails("42S02", "GRANT SELECT ON nothing TO bob", "NOTHING");
    fails("42704", "GRANT SELECT ON SCHEMA nothing TO bob", "NOTHING");
  }
}
