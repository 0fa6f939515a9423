package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHECK DATABASE and BACKUP TO, through SQL. */
class AdminTest {
  @TempDir
  Path tmp;

  @Test
  void checkDatabaseFindsNothingWrongInASoundDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + tmp.resolve("sound"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(20) UNIQUE, n INT NOT NULL)");
      s.execute("CREATE INDEX t_n ON t (n)");
      s.execute("INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2), (3, NULL, 2)");
      try (ResultSet rs = s.executeQuery("CHECK DATABASE")) {
        assertEquals(3, rs.getMetaData().getColumnCount());
        assertFalse(rs.next(), "a sound database has no findings");
      }
    }
  }

  @Test
  void backupWhileWritersRunOpensAndChecksClean() throws Exception {
    String url = "jdbc:marble:" + tmp.resolve("live");
    Path copy = tmp.resolve("copy");
    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
      s.execute("INSERT INTO account VALUES (1, 500), (2, 500)");
      Future<Integer> moves = writer.submit(() -> {
        int n = 0;
        try (Connection w = DriverManager.getConnection(url);
            PreparedStatement from = w.prepareStatement("UPDATE account SET balance = balance - 1 WHERE id = 1");
            PreparedStatement to = w.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = 2")) {
          w.setAutoCommit(false);
          while (!stop.get()) {
            from.executeUpdate();
            to.executeUpdate();
            w.commit();
            n++;
            committed.incrementAndGet();
          }
        }
        return n;
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (committed.get() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      s.execute("BACKUP TO '" + copy + "'");
      int before = committed.get();
      while (committed.get() < before + 20 && System.nanoTime() < deadline) {
        Thread.sleep(10); // writers go on after the backup
      }
      stop.set(true);
      assertTrue(moves.get(60, TimeUnit.SECONDS) > 0);
      SQLException notEmpty = assertThrows(SQLException.class, () -> s.execute("BACKUP TO '" + copy + "'"));
      assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    } finally {
      writer.shutdownNow();
    }
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + copy + ";create=false");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM account")) {
        rs.next();
        assertEquals(1000, rs.getLong(1), "the copy holds whole transactions only");
      }
      try (ResultSet rs = s.executeQuery("CHECK DATABASE")) {
        assertFalse(rs.next(), "the copy checks clean");
      }
    }
  }
}
