package dev.marble.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own behaviour: starting, refusing to start, its limits and its HTTP endpoints. */
class ServerTest {
  private static final String PASSWORD = "s3cret";

  @TempDir
  Path dir;

  private MarbleServer start(ServerLimits limits) {
    return MarbleServer.builder(dir).port(0).adminPassword(PASSWORD).limits(limits).start();
  }

  static Connection connect(MarbleServer server, String db, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(server.url(db), p);
  }

  private static Connection admin(MarbleServer server, String db) throws SQLException {
    return connect(server, db, "admin", PASSWORD);
  }

  @Test
  void refusesToStartWithoutAnAdminPassword() {
    ServerException e = assertThrows(ServerException.class, () -> MarbleServer.builder(dir).port(0).start());
    assertEquals(ServerException.Code.NO_ADMIN_PASSWORD, e.code());
    assertTrue(e.getMessage().contains("MARBLE_ADMIN_PASSWORD"), e.getMessage());
  }

  @Test
  void plaintextOnANetworkAddressNeedsInsecure() {
    ServerException e = assertThrows(ServerException.class,
        () -> MarbleServer.builder(dir).host("0.0.0.0").port(0).adminPassword(PASSWORD).start());
    assertEquals(ServerException.Code.INSECURE_ADDRESS, e.code());
    assertTrue(e.getMessage().contains("--tls-keystore"), e.getMessage());
    try (MarbleServer s = MarbleServer.builder(dir).host("0.0.0.0").port(0).adminPassword(PASSWORD)
        .insecure(true).start()) {
      assertTrue(s.port() > 0);
    }
  }

  @Test
  void aTakenPortIsAClearError() {
    try (MarbleServer first = start(ServerLimits.DEFAULTS)) {
      ServerException e = assertThrows(ServerException.class,
          () -> MarbleServer.builder(dir).port(first.port()).adminPassword(PASSWORD).start());
      assertEquals(ServerException.Code.PORT_IN_USE, e.code());
      assertTrue(e.getMessage().contains(Integer.toString(first.port())), e.getMessage());
    }
  }

  @Test
  void healthAndMetricsAnswerGet() throws Exception {
    try (MarbleServer server = start(ServerLimits.DEFAULTS); Connection c = admin(server, "shop")) {
      c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO t VALUES (1), (2), (3)");
      HttpResponse<String> health = get(server, "/health");
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
      assertTrue(health.body().contains("\"connections\":1"), health.body());
      HttpResponse<String> metrics = get(server, "/metrics");
      assertEquals(200, metrics.statusCode());
      String text = metrics.body();
      for (String line : new String[] {"marble_connections_open{database=\"shop\"} 1.0",
          "marble_table_rows{database=\"shop\",schema=\"PUBLIC\",table=\"T\"} 3.0",
          "marble_statements_seconds_bucket{database=\"shop\",kind=\"update\"",
          "marble_commit_seconds_count{database=\"shop\"}", "marble_fsync_seconds_count{database=\"shop\"}",
          "jvm_memory_used_bytes"}) {
        assertTrue(text.contains(line), () -> line + " missing from /metrics:\n" + text);
      }
      assertEquals(404, get(server, "/nothing").statusCode());
    }
  }

  @Test
  void oversizedAndGarbageRequestsAreRefusedAndTheServerGoesOn() throws Exception {
    try (MarbleServer server = start(ServerLimits.DEFAULTS.withMaxRequestBytes(4096))) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
      HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10_000])).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(413, big.statusCode());
      HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.ofString("not protobuf at all")).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(garbage.statusCode() >= 400, "status " + garbage.statusCode());
      try (Connection c = admin(server, "shop"); ResultSet rs = c.createStatement().executeQuery("VALUES 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void connectionsBeyondTheMaximumAreRefused() throws SQLException {
    try (MarbleServer server = start(ServerLimits.DEFAULTS.withMaxConnections(2));
        Connection a = admin(server, "shop"); Connection b = admin(server, "shop")) {
      SQLException e = assertThrows(SQLException.class, () -> admin(server, "shop"));
      assertEquals("08004", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("2 connections"), e.getMessage());
      a.close();
      try (Connection c = admin(server, "shop")) {
        assertTrue(c.isValid(5));
      }
      assertTrue(b.isValid(5));
    }
  }

  @Test
  void aResultPastTheRowLimitFailsInsteadOfBeingCut() throws SQLException {
    try (MarbleServer server = start(ServerLimits.DEFAULTS.withMaxResultRows(250));
        Connection c = admin(server, "shop"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      try (var ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        for (int i = 1; i <= 300; i++) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertEquals(250, count(s, "SELECT id FROM t WHERE id <= 250"));
      SQLException e = assertThrows(SQLException.class, () -> count(s, "SELECT id FROM t"));
      assertEquals("54000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("250"), e.getMessage());
      assertEquals(1, count(s, "SELECT COUNT(*) FROM t"), "the connection goes on");
    }
  }

  private static int count(Statement s, String sql) throws SQLException {
    int n = 0;
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void theServersStatementTimeoutEndsLongStatements() throws SQLException {
    try (MarbleServer server = start(ServerLimits.DEFAULTS.withStatementTimeout(Duration.ofSeconds(1)));
        Connection c = admin(server, "shop"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      try (var ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        for (int i = 0; i < 2000; i++) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> count(s, "SELECT COUNT(*) FROM t a, t b, t c"));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(System.nanoTime() - start < 30_000_000_000L);
      assertEquals(1, count(s, "SELECT COUNT(*) FROM t"), "the connection goes on");
    }
  }

  @Test
  void aVanishedClientsLocksAreFreedWhenItsConnectionExpires() throws Exception {
    try (MarbleServer server = start(ServerLimits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)))) {
      try (Connection setup = admin(server, "shop")) {
        setup.createStatement().execute("CREATE TABLE acct (id INT PRIMARY KEY, balance INT)");
        setup.createStatement().execute("INSERT INTO acct VALUES (1, 100)");
      }
      Connection vanished = admin(server, "shop");
      vanished.setAutoCommit(false);
      vanished.createStatement().executeUpdate("UPDATE acct SET balance = 0 WHERE id = 1");
      // The client stops talking mid-transaction, holding the row lock, and never closes.
      try (Connection other = admin(server, "shop"); Statement s = other.createStatement()) {
        long start = System.nanoTime();
        assertEquals(1, s.executeUpdate("UPDATE acct SET balance = balance + 1 WHERE id = 1"));
        assertTrue(System.nanoTime() - start < 9_000_000_000L, "waited for the expiry, not the lock timeout");
        try (ResultSet rs = s.executeQuery("SELECT balance FROM acct WHERE id = 1")) {
          assertTrue(rs.next());
          assertEquals(101, rs.getInt(1), "the vanished client's update was rolled back");
        }
      }
      SQLException e = assertThrows(SQLException.class, () -> vanished.createStatement().executeQuery("VALUES 1"));
      assertEquals("08003", e.getSQLState(), e.getMessage());
      assertFalse(vanished.isValid(2));
    }
  }

  @Test
  void usersPasswordsAndPrivilegesHoldOverTheWire() throws SQLException {
    try (MarbleServer server = start(ServerLimits.DEFAULTS)) {
      try (Connection c = admin(server, "shop"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
        s.execute("INSERT INTO orders VALUES (1)");
        s.execute("CREATE USER bob PASSWORD 'bobs-secret'");
        s.execute("GRANT SELECT ON orders TO bob");
        try (ResultSet rs = s.executeQuery("SELECT USER_NAME, IS_ADMIN FROM INFORMATION_SCHEMA.USERS ORDER BY 1")) {
          assertTrue(rs.next());
          assertEquals("ADMIN", rs.getString(1), "the server gave the new database its admin");
        }
      }
      SQLException wrong = assertThrows(SQLException.class, () -> connect(server, "shop", "bob", "guess"));
      assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
      SQLException unknown = assertThrows(SQLException.class, () -> connect(server, "shop", "eve", "guess"));
      assertEquals(wrong.getMessage(), unknown.getMessage(), "one message for both, naming neither");
      try (Connection bob = connect(server, "shop", "bob", "bobs-secret"); Statement s = bob.createStatement()) {
        assertEquals(1, count(s, "SELECT id FROM orders"));
        SQLException denied = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO orders VALUES (2)"));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
        assertTrue(denied.getMessage().contains("ORDERS"), denied.getMessage());
      }
    }
  }

  @Test
  void anInvalidDatabaseNameIsRefused() {
    try (MarbleServer server = start(ServerLimits.DEFAULTS)) {
      SQLException e = assertThrows(SQLException.class, () -> admin(server, "..x"));
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("..x"), e.getMessage());
    }
  }

  @Test
  void eachDatabaseIsAFolderCreatedOnFirstUse() throws SQLException {
    try (MarbleServer server = start(ServerLimits.DEFAULTS)) {
      try (Connection a = admin(server, "one"); Connection b = admin(server, "two")) {
        a.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
        b.createStatement().execute("CREATE TABLE u (id INT PRIMARY KEY)");
        assertTrue(b.getMetaData().getTables(null, "PUBLIC", "T", null).next() == false);
      }
      assertTrue(dir.resolve("one").toFile().isDirectory());
      assertTrue(dir.resolve("two").toFile().isDirectory());
    }
  }

  static HttpResponse<String> get(MarbleServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
