package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk and a read-only file system: clear errors, nothing corrupted, and the database opens
 * again once the cause is gone. Needs a small file system of its own, so it mounts a tmpfs, which
 * takes root; elsewhere the test is skipped.
 */
class BadEnvironmentTest {
  private Path mount;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    mount = Files.createTempDirectory("marble-small-fs");
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString()) == 0,
        "this machine does not allow mounting a tmpfs");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
      Files.deleteIfExists(mount);
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  private static long count(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM doc")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aFullDiskFailsTheCommitCleanlyAndTheDatabaseRecovers() throws Exception {
    String url = "jdbc:marble:" + mount.resolve("db");
    long stored = 0;
    SQLException full = null;
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE doc (id INT PRIMARY KEY, body VARCHAR(100000))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO doc VALUES (?, ?)")) {
        for (int i = 0; i < 2000 && full == null; i++) {
          ps.setInt(1, i);
          ps.setString(2, "x".repeat(60_000) + i);
          try {
            ps.executeUpdate();
            stored++;
          } catch (SQLException e) {
            full = e;
          }
        }
      }
      assertNotNull(full, "the disk filled up");
      assertEquals("58030", full.getSQLState(), full.getMessage());
      assertTrue(full.getMessage().contains("No space left"), full.getMessage());
      assertEquals(stored, count(c), "the failed commit left nothing behind");
    }
    assertEquals(0, run("mount", "-o", "remount,size=200m", mount.toString()));
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(stored, count(c));
      c.createStatement().execute("INSERT INTO doc VALUES (100000, 'after')");
      try (ResultSet rs = c.createStatement().executeQuery("CHECK DATABASE")) {
        assertTrue(!rs.next(), "nothing is damaged");
      }
    }
  }

  @Test
  void aReadOnlyFileSystemIsAClearErrorUntilItIsWritableAgain() throws Exception {
    String url = "jdbc:marble:" + mount.resolve("db");
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE doc (id INT PRIMARY KEY, body VARCHAR(10))");
      c.createStatement().execute("INSERT INTO doc VALUES (1, 'kept')");
    }
    assertEquals(0, run("mount", "-o", "remount,ro", mount.toString()));
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
    assertTrue(e.getSQLState().startsWith("08") || e.getSQLState().startsWith("58"), e.getSQLState());
    assertTrue(e.getMessage().contains(mount.toString()), "the message names the place: " + e.getMessage());
    assertEquals(0, run("mount", "-o", "remount,rw", mount.toString()));
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(1, count(c));
    }
  }
}
