package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SELECT ... FOR UPDATE through JDBC with two connections: the rows a locking query returns are
 * locked like written rows until the transaction ends, rows it did not return are not, NOWAIT
 * fails at once with 55P03, and the locked rows are the newest committed ones.
 */
class SelectForUpdateTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Connection> connections = new ArrayList<>();
  private String url;
  private Connection a;
  private Connection b;

  @BeforeEach
  void setUp() throws SQLException {
    url = "jdbc:marble:mem:forupdate" + COUNTER.incrementAndGet();
    a = open(10_000);
    b = open(10_000);
    try (Statement s = a.createStatement()) {
      s.execute("CREATE TABLE account (id INT PRIMARY KEY, owner VARCHAR(20), balance INT NOT NULL)");
      s.execute("CREATE TABLE note (txt VARCHAR(20), account_id INT)"); // no primary key: locked by row id
      s.execute("INSERT INTO account VALUES (1, 'ann', 100), (2, 'bob', 200), (3, 'cy', 300)");
      s.execute("INSERT INTO note VALUES ('x', 1), ('y', 2)");
    }
    a.setAutoCommit(false);
    b.setAutoCommit(false);
  }

  @AfterEach
  void tearDown() throws SQLException {
    pool.shutdownNow();
    for (Connection c : connections) {
      c.close();
    }
  }

  private Connection open(long lockTimeout) throws SQLException {
    Connection c = DriverManager.getConnection(url + ";lock_timeout=" + lockTimeout);
    connections.add(c);
    return c;
  }

  @Test
  void lockedRowBlocksAnotherWriterUntilCommit() throws Exception {
    assertEquals(List.of(100), balances(a, "SELECT balance FROM account WHERE id = 1 FOR UPDATE"));
    Future<Integer> update = pool.submit(() -> update(b, "UPDATE account SET balance = balance + 1 WHERE id = 1"));
    assertThrows(TimeoutException.class, () -> update.get(300, TimeUnit.MILLISECONDS), "the writer must wait");
    update(a, "UPDATE account SET balance = 150 WHERE id = 1");
    a.commit();
    assertEquals(1, update.get(10, TimeUnit.SECONDS));
    b.commit();
    assertEquals(List.of(151), balances(a, "SELECT balance FROM account WHERE id = 1"));
  }

  @Test
  void rowsNotReturnedAreNotLocked() throws Exception {
    assertEquals(List.of(200), balances(a, "SELECT balance FROM account WHERE owner = 'bob' FOR UPDATE"));
    assertEquals(1, update(b, "UPDATE account SET balance = 0 WHERE id = 1"));
    assertEquals(1, update(b, "DELETE FROM account WHERE id = 3"));
    assertEquals("55P03", assertThrows(SQLException.class,
        () -> balances(b, "SELECT balance FROM account WHERE id = 2 FOR UPDATE NOWAIT")).getSQLState());
  }

  @Test
  void nowaitFailsFastWith55P03AndKeepsTheTransaction() throws Exception {
    balances(a, "SELECT * FROM account WHERE id = 2 FOR UPDATE");
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class,
        () -> balances(b, "SELECT balance FROM account WHERE id = 2 FOR UPDATE NOWAIT"));
    assertEquals("55P03", e.getSQLState());
    assertTrue(e.getMessage().contains("ACCOUNT"), e.getMessage());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "NOWAIT must not wait");
    // the failed statement left b's transaction usable; other rows lock fine
    assertEquals(List.of(300), balances(b, "SELECT balance FROM account WHERE id = 3 FOR UPDATE NOWAIT"));
    a.rollback();
    assertEquals(List.of(200), balances(b, "SELECT balance FROM account WHERE id = 2 FOR UPDATE NOWAIT"));
  }

  @Test
  void waitingLockerSeesTheNewestCommittedRow() throws Exception {
    balances(a, "SELECT balance FROM account WHERE id = 1 FOR UPDATE");
    Future<List<Integer>> locker = pool.submit(
        () -> balances(b, "SELECT balance FROM account WHERE id = 1 AND balance >= 100 FOR UPDATE"));
    Future<List<Integer>> other = pool.submit(
        () -> balances(open(10_000), "SELECT balance FROM account WHERE id = 1 FOR UPDATE"));
    assertEquals(List.of(100), other.get(10, TimeUnit.SECONDS)); // autocommit: a plain query, no wait
    assertThrows(TimeoutException.class, () -> locker.get(300, TimeUnit.MILLISECONDS));
    update(a, "UPDATE account SET balance = 50 WHERE id = 1");
    a.commit();
    assertEquals(List.of(), locker.get(10, TimeUnit.SECONDS), "re-read after the wait: no longer >= 100");
  }

  @Test
  void repeatableReadFailsWith40001WhenTheRowChangedSinceTheSnapshot() throws Exception {
    b.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    balances(b, "SELECT balance FROM account WHERE id = 3");
    update(a, "UPDATE account SET balance = 1 WHERE id = 3");
    a.commit();
    SQLException e = assertThrows(SQLException.class,
        () -> balances(b, "SELECT balance FROM account WHERE id = 3 FOR UPDATE"));
    assertEquals("40001", e.getSQLState());
  }

  @Test
  void lockTimeoutRollsBackLikeAWriter() throws Exception {
    Connection impatient = open(100);
    impatient.setAutoCommit(false);
    balances(a, "SELECT balance FROM account FOR UPDATE");
    SQLException e = assertThrows(SQLException.class,
        () -> balances(impatient, "SELECT balance FROM account WHERE id = 2 FOR UPDATE"));
    assertEquals("40001", e.getSQLState());
  }

  @Test
  void joinLocksTheReturnedRowsOfEachTableAndOfNarrowsIt() throws Exception {
    PreparedStatement p = a.prepareStatement("SELECT n.txt, acc.owner FROM note n JOIN account acc "
        + "ON n.account_id = acc.id WHERE acc.id = ? ORDER BY n.txt FOR UPDATE OF n");
    p.setInt(1, 1);
    try (ResultSet rs = p.executeQuery()) {
      assertTrue(rs.next());
      assertEquals("x", rs.getString(1));
      assertEquals(2, rs.getMetaData().getColumnCount(), "hidden lock columns stay hidden");
      assertFalse(rs.next());
    }
    assertEquals(1, update(b, "UPDATE account SET balance = 7 WHERE id = 1"), "OF n: account not locked");
    assertEquals(1, update(b, "UPDATE note SET txt = 'z' WHERE account_id = 2"), "note y not returned");
    b.commit();
    Connection impatient = open(100);
    impatient.setAutoCommit(false);
    assertEquals("40001", assertThrows(SQLException.class,
        () -> update(impatient, "UPDATE note SET txt = 'w' WHERE account_id = 1")).getSQLState());
  }

  @Test
  void outerJoinLocksOnlyTheRowsThatMatched() throws Exception {
    try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SELECT acc.balance, n.txt "
        + "FROM account acc LEFT JOIN note n ON n.account_id = acc.id WHERE acc.id IN (2, 3) FOR UPDATE")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertEquals(rs.getInt(1) == 300, rs.getString(2) == null);
      }
      assertEquals(2, rows);
    }
    Connection impatient = open(100);
    impatient.setAutoCommit(false);
    assertEquals(1, update(b, "UPDATE note SET txt = 'x2' WHERE account_id = 1"), "note of account 1 not returned");
    for (String sql : List.of("UPDATE account SET balance = 0 WHERE id = 3",
        "UPDATE note SET txt = 'y2' WHERE account_id = 2")) {
      assertEquals("40001", assertThrows(SQLException.class, () -> update(impatient, sql)).getSQLState(), sql);
      impatient.rollback();
    }
  }

  @Test
  void limitLocksOnlyTheRowsReturned() throws Exception {
    assertEquals(List.of(100, 200),
        balances(a, "SELECT balance FROM account ORDER BY balance OFFSET 0 ROWS FETCH FIRST 2 ROWS ONLY FOR UPDATE"));
    assertEquals(1, update(b, "UPDATE account SET balance = 1 WHERE id = 3"));
    assertEquals("55P03", assertThrows(SQLException.class,
        () -> balances(b, "SELECT balance FROM account WHERE id = 2 FOR UPDATE NOWAIT")).getSQLState());
  }

  @Test
  void unsupportedShapesSay0A000() throws Exception {
    for (String sql : List.of("SELECT count(*) FROM account FOR UPDATE",
        "SELECT owner, sum(balance) FROM account GROUP BY owner FOR UPDATE",
        "SELECT DISTINCT owner FROM account FOR UPDATE",
        "SELECT id FROM account UNION SELECT account_id FROM note FOR UPDATE",
        "SELECT balance FROM account FOR UPDATE SKIP LOCKED",
        "SELECT * FROM (SELECT * FROM account) t FOR UPDATE")) {
      SQLException e = assertThrows(SQLException.class, () -> balances(a, sql), sql);
      assertEquals("0A000", e.getSQLState(), sql + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("FOR UPDATE") || e.getMessage().contains("SKIP LOCKED"), e.getMessage());
    }
    try (Statement s = a.createStatement()) {
      s.execute("CREATE VIEW rich AS SELECT * FROM account WHERE balance > 150");
    }
    assertEquals("0A000", assertThrows(SQLException.class,
        () -> balances(a, "SELECT * FROM rich FOR UPDATE")).getSQLState());
    assertEquals("42000", assertThrows(SQLException.class,
        () -> balances(a, "SELECT * FROM account a1 FOR UPDATE OF nosuch")).getSQLState());
  }

  @Test
  void forUpdateInsideAStringIsNoClause() throws Exception {
    try (Statement s = a.createStatement();
        ResultSet rs = s.executeQuery("SELECT 'for update' FROM account WHERE id = 1")) {
      assertTrue(rs.next());
      assertEquals("for update", rs.getString(1));
    }
    assertEquals(1, update(b, "UPDATE account SET balance = 2 WHERE id = 1"));
  }

  @Test
  void explainOfAnUpdateIsNoClause() throws Exception {
    try (Statement s = a.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR UPDATE account SET balance = 1 WHERE id = 2")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).contains("key=[[2]]"), rs.getString(1));
    }
    assertEquals(1, update(b, "UPDATE account SET balance = 2 WHERE id = 2"));
  }

  private static List<Integer> balances(Connection c, String sql) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int column = rs.findColumn("BALANCE");
      while (rs.next()) {
        out.add(rs.getInt(column));
      }
    }
    return out;
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }
}
