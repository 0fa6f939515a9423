package dev.marble.jdbc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.jdbc.JvmFlags;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one database directory looks like from two JVMs, and after one of them dies. */
class MultiProcessTest {
  @TempDir
  Path tmp;

  @Test
  void missingJvmFlagsAreListedExactly() throws Exception {
    try (Children child = Children.start(false, "connect", "jdbc:marble:mem:flags")) {
      assertEquals("SQLSTATE 08001", child.await("SQLSTATE", 60));
      String message = child.await("MESSAGE", 5);
      assertNotNull(message);
      for (String flag : JvmFlags.REQUIRED) {
        assertTrue(message.contains(flag), () -> "message lists " + flag + ": " + message);
      }
    }
  }

  @Test
  void aSecondProcessIsToldWhoHoldsTheDatabase() throws Exception {
    String url = "jdbc:marble:" + tmp.resolve("held");
    try (Children holder = Children.start(true, "hold", url)) {
      assertEquals("CONNECTED", holder.await("CONNECTED", 120));
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
      assertTrue(e.getMessage().contains("server mode"), e.getMessage());
      holder.kill();
    }
    try (Connection c = DriverManager.getConnection(url)) {
      assertTrue(c.isValid(1), "a stale lock left by a killed process is taken over");
    }
  }

  @Test
  void rowsCommittedBeforeAKillSurviveIt() throws Exception {
    String url = "jdbc:marble:" + tmp.resolve("killed");
    List<String> acked;
    try (Children writer = Children.start(true, "write", url)) {
      assertEquals("CONNECTED", writer.await("CONNECTED", 120));
      assertNotNull(writer.await("ACK 300", 120), "the writer made progress");
      writer.kill();
      acked = writer.drain("ACK ");
    }
    long last = acked.isEmpty() ? 300 : Long.parseLong(acked.get(acked.size() - 1).substring(4));
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT COUNT(*), MIN(id), MAX(id), SUM(amount) FROM ledger WHERE id <= " + last)) {
      rs.next();
      assertEquals(last, rs.getLong(1), "every acknowledged row is there");
      assertEquals(1, rs.getLong(2));
      assertEquals(last, rs.getLong(3));
      assertEquals(java.math.BigDecimal.valueOf(last * (last + 1) / 2, 2), rs.getBigDecimal(4));
    }
  }

  @Test
  void theRedoLogAloneRestoresCommittedRowsAfterAPowerCut() throws Exception {
    Path db = tmp.resolve("replayed");
    String url = "jdbc:marble:" + db;
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE ledger (id BIGINT PRIMARY KEY, payload VARCHAR(200), "
          + "amount DECIMAL(10,2))");
    }
    Path before = tmp.resolve("tables-before");
    copyTree(db.resolve("tables"), before); // the table files as a clean close left them: empty
    long last;
    try (Children writer = Children.start(true, "write", url)) {
      assertEquals("CONNECTED", writer.await("CONNECTED", 120));
      assertNotNull(writer.await("ACK 200", 120), "the writer made progress");
      writer.kill();
      List<String> acked = writer.drain("ACK ");
      last = acked.isEmpty() ? 200 : Long.parseLong(acked.get(acked.size() - 1).substring(4));
    }
    // As a power cut may: none of the table writes since the last checkpoint reached the disk.
    deleteTree(db.resolve("tables"));
    copyTree(before, db.resolve("tables"));
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM ledger WHERE id <= " + last)) {
      rs.next();
      assertEquals(last, rs.getLong(1), "every acknowledged row came back from the redo log");
      assertEquals(last, rs.getLong(2));
    }
  }

  @Test
  void missingTableFilesAreAnErrorNotAnEmptyTable() throws Exception {
    Path db = tmp.resolve("lost");
    String url = "jdbc:marble:" + db;
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO t VALUES (1)");
    }
    deleteTree(db.resolve("tables"));
    try (Connection c = DriverManager.getConnection(url)) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> c.createStatement().executeQuery("SELECT * FROM t"));
      assertEquals("XX001", e.getSQLState());
      assertTrue(e.getMessage().contains("PUBLIC.T") && e.getMessage().contains("missing"), e.getMessage());
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var walk = java.nio.file.Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var walk = java.nio.file.Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }
}
