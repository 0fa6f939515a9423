package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HikariCP configured as applications configure it (auto-commit off, isolation, schema, catalog,
 * init SQL, read-only), driven by several threads: every Connection method the pool calls works,
 * state a borrower changed is reset on return, constraint and syntax errors never cost a
 * connection, and SQLState class 08 shows up only on a connection that is really gone (aborted).
 */
class HikariPoolTest {
  private static final int THREADS = 6;
  private static final int TRANSACTIONS = 40;
  private static final int POOL_SIZE = 4;

  @TempDir
  Path dir;

  private String url() {
    return "jdbc:marble:" + dir.resolve("pool");
  }

  private HikariDataSource pool(boolean readOnly) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setAutoCommit(false);
    config.setReadOnly(readOnly);
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    config.setCatalog("IGNORED");
    config.setSchema("APP");
    config.setConnectionInitSql("SELECT COUNT(*) FROM counter");
    config.setPoolName("hikari-test-" + readOnly);
    return new HikariDataSource(config);
  }

  /** The physical connections behind the pool's proxies, by identity. */
  private static Set<Connection> physical(HikariDataSource pool) throws SQLException {
    Set<Connection> set = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < POOL_SIZE; i++) {
        Connection c = pool.getConnection();
        held.add(c);
        set.add(c.unwrap(MarbleConnection.class));
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    return set;
  }

  @Test
  void transactionsFromManyThreadsThroughAConfiguredPool() throws Exception {
    try (Connection setup = DriverManager.getConnection(url()); Statement s = setup.createStatement()) {
      s.execute("CREATE SCHEMA app");
      s.execute("CREATE TABLE app.counter (id INT PRIMARY KEY, n INT NOT NULL)");
      s.execute("CREATE TABLE app.log (id INT PRIMARY KEY, thread INT NOT NULL)");
      for (int t = 0; t < THREADS; t++) {
        s.execute("INSERT INTO app.counter VALUES (" + t + ", 0)");
      }
      try (HikariDataSource pool = pool(false)) {
        Set<Connection> before = physical(pool);
        assertEquals(POOL_SIZE, before.size());
        List<SQLException> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(workers.submit(() -> work(pool, thread, errors)));
        }
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertTrue(errors.stream().noneMatch(e -> e.getSQLState().startsWith("08")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.getSQLState().equals("23505")), "duplicate keys were tried");
        assertTrue(errors.stream().anyMatch(e -> e.getSQLState().startsWith("42")), "bad SQL was tried");
        assertEquals(before, physical(pool), "errors must not evict a connection");
        assertEquals(POOL_SIZE, pool.getHikariPoolMXBean().getTotalConnections());
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT id, n FROM counter ORDER BY id")) {
          for (int t = 0; t < THREADS; t++) {
            assertTrue(rs.next());
            assertEquals(TRANSACTIONS, rs.getInt(2), "committed increments of thread " + t);
          }
          c.rollback();
        }
        assertEquals(String.valueOf(THREADS * TRANSACTIONS), count(s, "SELECT COUNT(*) FROM app.log"));
        assertEquals("0", count(s, "SELECT COUNT(*) FROM app.log WHERE id < 0"), "returned dirty work rolled back");
        abortedConnectionIsReplaced(pool, before);
      }
    }
  }

  private static String count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One thread: transactions that commit, fail on a constraint or on bad SQL, or are left dirty. */
  private static Void work(HikariDataSource pool, int thread, List<SQLException> errors) throws SQLException {
    for (int i = 0; i < TRANSACTIONS; i++) {
      try (Connection c = pool.getConnection()) {
        assertFalse(c.getAutoCommit(), "configured auto-commit, also after a borrower changed it");
        assertFalse(c.isReadOnly());
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation());
        assertEquals("APP", c.getSchema());
        assertTrue(c.isValid(1));
        c.clearWarnings();
        try (PreparedStatement up = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = ?");
            PreparedStatement log = c.prepareStatement("INSERT INTO log VALUES (?, ?)")) {
          up.setInt(1, thread);
          assertEquals(1, up.executeUpdate());
          log.setInt(1, thread * 1000 + i);
          log.setInt(2, thread);
          log.executeUpdate();
          if (i % 5 == 1) {
            log.setInt(1, thread * 1000 + i); // the same key again: 23505, the statement alone fails
            errors.add(assertThrows(SQLException.class, log::executeUpdate));
          }
          if (i % 7 == 2) {
            try (Statement st = c.createStatement()) {
              errors.add(assertThrows(SQLException.class, () -> st.executeQuery("SELEC nothing FROM counter")));
            }
          }
        }
        c.commit();
        if (i % 4 == 3) {
          // leave the connection dirty: other settings, an uncommitted row; the pool must undo both
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          c.setSchema("PUBLIC");
          try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO app.log VALUES (" + (-1 - thread * 1000 - i) + ", " + thread + ")");
          }
        } else if (i % 4 == 1) {
          c.setAutoCommit(true);
          c.setReadOnly(true);
        }
      } catch (SQLException e) {
        errors.add(e);
        throw e;
      }
    }
    return null;
  }

  /** abort() makes a connection unusable (08003); the pool drops it and opens a new one. */
  private static void abortedConnectionIsReplaced(HikariDataSource pool, Set<Connection> before) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    Connection aborted;
    try (Connection c = pool.getConnection()) {
      aborted = c.unwrap(MarbleConnection.class);
      c.abort(executor);
      SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("SELECT 1"));
      assertEquals("08003", e.getSQLState());
      assertFalse(aborted.isValid(1));
    }
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    Set<Connection> after = physical(pool);
    assertFalse(after.contains(aborted), "the aborted connection left the pool");
    assertEquals(POOL_SIZE, after.size());
    assertEquals(POOL_SIZE - 1, after.stream().filter(before::contains).count());
    for (Connection c : after) {
      assertNotSame(aborted, c);
    }
  }

  @Test
  void readOnlyPoolHandsOutReadOnlyConnections() throws Exception {
    try (Connection setup = DriverManager.getConnection(url()); Statement s = setup.createStatement()) {
      s.execute("CREATE SCHEMA app");
      s.execute("CREATE TABLE app.counter (id INT PRIMARY KEY, n INT NOT NULL)");
      s.execute("INSERT INTO app.counter VALUES (1, 7)");
      try (HikariDataSource pool = pool(true); Connection c = pool.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT n FROM counter")) {
        assertTrue(c.isReadOnly());
        assertTrue(c.getMetaData().isReadOnly());
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
        assertEquals(0, c.getNetworkTimeout(), "the pool restored the timeout it set while validating");
      }
    }
  }
}
