package dev.marble.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.server.ServerMetrics.StatementKind;
import dev.marble.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What /metrics will serve: {@link ServerMetrics#scrape()} over a file database used through JDBC. */
class ServerMetricsTest {
  @TempDir Path tmp;
  private final ServerMetrics metrics = new ServerMetrics();

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The value of the one sample {@code series} (name with its labels, as printed); fails if absent. */
  private static double value(String scrape, String series) {
    List<String> lines = scrape.lines().filter(l -> l.startsWith(series + " ")).toList();
    assertEquals(1, lines.size(), () -> "one sample " + series + " in:\n" + scrape);
    return Double.parseDouble(lines.get(0).substring(series.length() + 1).trim());
  }

  private static boolean has(String scrape, String prefix) {
    return scrape.lines().anyMatch(l -> l.startsWith(prefix));
  }

  @Test
  void reportsCommitsFsyncsAndTableSizesOfABoundDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + tmp.resolve("shop")); // sync=full
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(50))");
      s.execute("CREATE INDEX item_name ON item (name)");
      s.execute("CREATE TABLE tag (t VARCHAR(10))");
      metrics.bindDatabase("shop", c.unwrap(Database.class));

      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
        for (int i = 1; i <= 10; i++) {
          ps.setInt(1, i);
          ps.setString(2, "item " + i);
          ps.executeUpdate();
          if (i % 2 == 0) {
            c.commit();
          }
        }
      }
      s.executeQuery("SELECT COUNT(*) FROM item").close();
      c.commit(); // wrote nothing: no engine commit
      c.setAutoCommit(true);
      s.executeUpdate("INSERT INTO tag VALUES ('a'), ('b'), ('c')");

      String scrape = metrics.scrape();
      assertEquals(6, value(scrape, "marble_commit_seconds_count{database=\"shop\"}"));
      assertEquals(6, value(scrape, "marble_commit_seconds_bucket{database=\"shop\",le=\"+Inf\"}"));
      assertTrue(value(scrape, "marble_commit_seconds_sum{database=\"shop\"}") > 0);
      assertTrue(has(scrape, "marble_commit_seconds_bucket{database=\"shop\",le=\"0.001"), scrape);
      // one committing thread: no fsync is shared, each commit forced the log once
      assertEquals(6, value(scrape, "marble_fsync_seconds_count{database=\"shop\"}"));
      assertEquals(10, value(scrape, "marble_table_rows{database=\"shop\",schema=\"PUBLIC\",table=\"ITEM\"}"));
      assertEquals(3, value(scrape, "marble_table_rows{database=\"shop\",schema=\"PUBLIC\",table=\"TAG\"}"));
      double itemBytes = value(scrape, "marble_table_bytes{database=\"shop\",schema=\"PUBLIC\",table=\"ITEM\"}");
      double indexBytes = value(scrape, "marble_table_index_bytes{database=\"shop\",schema=\"PUBLIC\",table=\"ITEM\"}");
      assertTrue(itemBytes > 0 && indexBytes > 0, itemBytes + " " + indexBytes);
      assertEquals(0, value(scrape, "marble_table_index_bytes{database=\"shop\",schema=\"PUBLIC\",table=\"TAG\"}"));
      assertTrue(value(scrape, "marble_database_bytes{database=\"shop\"}") > itemBytes + indexBytes);

      s.execute("CREATE TABLE extra (x INT)"); // DDL checkpoints
      s.execute("DROP TABLE tag");
      scrape = metrics.scrape();
      assertEquals(0, value(scrape, "marble_table_rows{database=\"shop\",schema=\"PUBLIC\",table=\"EXTRA\"}"));
      assertFalse(has(scrape, "marble_table_rows{database=\"shop\",schema=\"PUBLIC\",table=\"TAG\"}"), scrape);
      assertTrue(value(scrape, "marble_checkpoint_seconds_count{database=\"shop\"}") >= 2);

      metrics.unbindDatabase("shop");
      s.executeUpdate("INSERT INTO item VALUES (11, 'after')");
      scrape = metrics.scrape();
      for (String gone : List.of("marble_table_", "marble_commit_", "marble_fsync_", "marble_checkpoint_",
          "marble_database_bytes")) {
        assertFalse(has(scrape, gone), gone + " left in:\n" + scrape);
      }
    }
  }

  @Test
  void aDatabaseClosedWhileBoundReportsNoTables() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + tmp.resolve("gone"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT)");
      metrics.bindDatabase("gone", c.unwrap(Database.class));
      assertTrue(has(metrics.scrape(), "marble_table_rows{database=\"gone\""));
    }
    String scrape = metrics.scrape(); // the last connection closed the database
    assertFalse(has(scrape, "marble_table_rows{database=\"gone\""), scrape);
  }

  @Test
  void countsConnectionsStatementsAndErrors() {
    metrics.connectionOpened("a");
    metrics.connectionOpened("a");
    metrics.connectionOpened("b");
    metrics.connectionClosed("a");
    metrics.loginFailed();
    metrics.loginFailed();
    metrics.connectionRejected("max_connections");
    for (int i = 1; i <= 3; i++) {
      metrics.statement("a", StatementKind.QUERY, i * 1_000_000L);
    }
    metrics.statementFailed("a", StatementKind.UPDATE, 5_000_000L, "23505");
    metrics.statementFailed("a", StatementKind.UPDATE, 5_000_000L, null);

    String scrape = metrics.scrape();
    assertEquals(1, value(scrape, "marble_connections_open{database=\"a\"}"));
    assertEquals(1, value(scrape, "marble_connections_open{database=\"b\"}"));
    assertEquals(2, value(scrape, "marble_connections_opened_total{database=\"a\"}"));
    assertEquals(2, value(scrape, "marble_logins_failed_total"));
    assertEquals(1, value(scrape, "marble_connections_rejected_total{reason=\"max_connections\"}"));
    assertEquals(3, value(scrape, "marble_statements_seconds_count{database=\"a\",kind=\"query\"}"));
    assertEquals(0.006, value(scrape, "marble_statements_seconds_sum{database=\"a\",kind=\"query\"}"), 1e-9);
    // each bucket counts the statements that took at most its bound (1, 2 and 3 ms)
    String q = "marble_statements_seconds_bucket{database=\"a\",kind=\"query\",le=\"";
    List<String> buckets = scrape.lines().filter(l -> l.startsWith(q)).toList();
    assertTrue(buckets.size() > 20, "a histogram of many buckets: " + buckets);
    for (String b : buckets) {
      String le = b.substring(q.length(), b.indexOf('"', q.length()));
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      long expected = List.of(0.001, 0.002, 0.003).stream().filter(v -> v <= bound).count();
      assertEquals(expected, Double.parseDouble(b.substring(b.lastIndexOf(' ') + 1)), b);
    }
    assertFalse(has(scrape, "marble_statements_seconds_count{database=\"a\",kind=\"batch\"}"),
        "kinds never used have no series");
    assertEquals(2, value(scrape, "marble_statements_seconds_count{database=\"a\",kind=\"update\"}"));
    assertEquals(1, value(scrape, "marble_statement_errors_total{database=\"a\",kind=\"update\",sqlstate_class=\"23\"}"));
    assertEquals(1, value(scrape, "marble_statement_errors_total{database=\"a\",kind=\"update\",sqlstate_class=\"unknown\"}"));
    assertTrue(has(scrape, "jvm_memory_used_bytes{"), "JVM meters");
    assertTrue(has(scrape, "process_uptime_seconds "), "process meters");
    assertTrue(ServerMetrics.CONTENT_TYPE.startsWith("text/plain; version=0.0.4"));
  }
}
