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

  @Test
  void damagedBytesAreReportedNotReturned() throws Exception {
    Path dir = tmp.resolve("damaged");
    String url = "jdbc:marble:" + dir;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(100))");
      s.execute("INSERT INTO note VALUES (1, 'first note'), (2, 'SECRET-PAYLOAD-XYZ'), (3, 'third note')");
    }
    byte[] marker = "SECRET-PAYLOAD-XYZ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    boolean flipped = false;
    try (var files = java.nio.file.Files.walk(dir.resolve("tables"))) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        byte[] bytes = java.nio.file.Files.readAllBytes(f);
        int at = indexOf(bytes, marker);
        if (at >= 0) {
          try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at + 3);
            raf.write(bytes[at + 3] ^ 0x20);
          }
          flipped = true;
        }
      }
    }
    assertTrue(flipped, "found the row on disk");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT body FROM note WHERE id = 2")) {
          rs.next();
        }
      });
      assertEquals("XX001", e.getSQLState());
      assertTrue(e.getMessage().contains("PUBLIC.NOTE") && e.getMessage().contains("shard"), e.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT body FROM note WHERE id = 3")) {
        assertTrue(rs.next(), "other rows still read");
        assertEquals("third note", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("CHECK DATABASE")) {
        assertTrue(rs.next(), "CHECK DATABASE reports the damage");
        assertEquals("PUBLIC.NOTE", rs.getString("TABLE_NAME"));
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
