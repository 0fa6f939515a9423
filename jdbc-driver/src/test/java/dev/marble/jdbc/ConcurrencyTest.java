package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several connections of one process on one file database: no lost update, readers never block
 * writers, writers wait for each other's row locks, deadlocks and stale snapshots end in SQLState
 * 40001/40P01, and an interrupted thread harms nobody else.
 *
 * <p>The counter test runs 8 × 10,000 increments ({@code -Dmarble.counter.increments=N} per
 * thread to change).
 */
class ConcurrencyTest {
  private static final int THREADS = 8;

  @TempDir
  Path tmp;

  private String url;
  private final List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "concurrency-test");
    t.setDaemon(true);
    return t;
  });
  private Connection admin;

  @BeforeEach
  void createCounter() throws SQLException {
    url = "jdbc:marble:" + tmp.resolve("db");
    admin = open();
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)");
      s.execute("INSERT INTO counter VALUES (1, 0), (2, 0)");
    }
  }

  @AfterEach
  void closeAll() {
    pool.shutdownNow();
    synchronized (connections) {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException | RuntimeException ignored) {
          // a connection left broken by a failed test
        }
      }
    }
  }

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    connections.add(c);
    return c;
  }

  private static long value(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT n FROM counter WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "row " + id + " exists");
        return rs.getLong(1);
      }
    }
  }

  private static int increment(Connection c, int id, long by) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET n = n + ? WHERE id = ?")) {
      ps.setLong(1, by);
      ps.setInt(2, id);
      return ps.executeUpdate();
    }
  }

  /** Runs {@code work} on another thread and waits for it at most {@code seconds}. */
  private <T> T within(int seconds, String what, Callable<T> work) throws Exception {
    Future<T> f = pool.submit(work);
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError(what + " did not finish within " + seconds + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static String describe(Throwable e) {
    return e instanceof SQLException s ? s.getSQLState() + " " + s.getMessage() : String.valueOf(e);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void concurrentIncrementsOfOneRowAreNeverLost() throws Exception {
    int perThread = Integer.getInteger("marble.counter.increments", 10_000);
    AtomicInteger errorCount = new AtomicInteger();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Connection c = open();
      workers.add(pool.submit(() -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = 1")) {
          ready.countDown();
          go.await();
          int done = 0;
          while (done < perThread && errorCount.get() < 1000) {
            try {
              int changed = ps.executeUpdate();
              if (changed != 1) {
                errors.add("update changed " + changed + " rows");
              }
              done++;
            } catch (SQLException e) {
              // Counted and retried, so the final value still says whether any update was lost.
              if (errorCount.incrementAndGet() <= 5) {
                errors.add(describe(e));
              }
            }
          }
          return done;
        }
      }));
    }
    assertTrue(ready.await(60, TimeUnit.SECONDS), "workers prepared their statement");
    long start = System.nanoTime();
    go.countDown();
    long deadline = start + TimeUnit.MINUTES.toNanos(5);
    int committed = 0;
    for (Future<Integer> w : workers) {
      try {
        committed += w.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        fail("8 × " + perThread + " increments did not finish within 5 minutes (deadlock or livelock?)");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long n = value(admin, 1);
    System.out.printf(Locale.ROOT, "ConcurrencyTest: %d threads × %d auto-commit increments in %.1f s "
        + "(%.0f commits/s), %d errors, final n = %d%n", THREADS, perThread, seconds,
        THREADS * perThread / seconds, errorCount.get(), n);
    assertEquals(List.of(), errors, "errors (" + errorCount.get() + " in all; each was retried)");
    assertEquals(THREADS * perThread, committed);
    assertEquals((long) THREADS * perThread, n,
        "lost updates: " + ((long) THREADS * perThread - n) + " increments vanished");
  }

  @ParameterizedTest(name = "isolation {0}")
  @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
      Connection.TRANSACTION_SERIALIZABLE})
  void readersNeverBlockWriters(int isolation) throws Exception {
    try (Statement s = admin.createStatement()) {
      for (int id = 3; id <= 100; id++) {
        s.execute("INSERT INTO counter VALUES (" + id + ", 0)");
      }
    }
    Connection writer = open();
    assertEquals(1, increment(writer, 1, 1), "warm-up: the writer's statement is prepared");
    Connection reader = open();
    reader.setAutoCommit(false);
    reader.setTransactionIsolation(isolation);
    long before = value(reader, 1);
    // A second reader cursor, open and positioned mid-table, not yet read to the end.
    Statement scan = reader.createStatement();
    ResultSet open = scan.executeQuery("SELECT id, n FROM counter");
    assertTrue(open.next());

    long t0 = System.nanoTime();
    Future<Integer> update = pool.submit(() -> increment(writer, 1, 1));
    try {
      assertEquals(1, update.get(1, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      fail("the writer's UPDATE + commit waited more than 1 s for an open read transaction");
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 1000, "writer took " + ms + " ms");

    if (isolation == Connection.TRANSACTION_READ_COMMITTED) {
      assertEquals(before + 1, value(reader, 1), "READ COMMITTED: the next statement sees the new commit");
    }
    int rows = 1;
    while (open.next()) {
      rows++;
    }
    assertEquals(100, rows, "the open cursor reads to its end");
    open.close();
    scan.close();
    reader.commit();
    assertEquals(before + 1, value(reader, 1), "after its commit the reader sees the update");
  }

  @ParameterizedTest(name = "isolation {0}")
  @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
  void aSnapshotReaderDoesNotSeeLaterCommits(int isolation) throws Exception {
    Connection writer = open();
    Connection reader = open();
    reader.setAutoCommit(false);
    reader.setTransactionIsolation(isolation);
    assertEquals(0, value(reader, 1), "the reader's snapshot");
    assertEquals(1, within(10, "the writer's update", () -> increment(writer, 1, 1)));
    assertEquals(0, value(reader, 1), "a transaction snapshot does not see a later commit");
    assertEquals(List.of("1|0", "2|0"), rowsOf(reader, "SELECT id, n FROM counter ORDER BY id"),
        "a scan of the snapshot does not see it either");
    reader.commit();
    assertEquals(1, value(reader, 1), "the next transaction sees it");
  }

  private static List<String> rowsOf(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2));
      }
    }
    return out;
  }

  @Test
  void aWriterWaitsForTheRowLockThenAddsItsIncrement() throws Exception {
    Connection t1 = open();
    Connection t2 = open();
    assertEquals(1, increment(t2, 2, 1), "warm-up on another row");
    t1.setAutoCommit(false);
    assertEquals(1, increment(t1, 1, 1));
    Future<Integer> second = pool.submit(() -> increment(t2, 1, 1));
    Thread.sleep(500);
    boolean waited = !second.isDone();
    t1.commit();
    int changed;
    try {
      changed = second.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("T2 failed instead of waiting for T1's commit: " + describe(e.getCause()), e);
    } catch (TimeoutException e) {
      throw new AssertionError("T2 still blocked 10 s after T1 committed", e);
    }
    assertEquals(1, changed);
    assertEquals(2, value(admin, 1), "both increments are in (no lost update)");
    assertTrue(waited, "T2 waited for T1's uncommitted row lock");
  }

  @Test
  void aDeadlockEndsWithOneVictimAndOneWinner() throws Exception {
    Connection t1 = open();
    Connection t2 = open();
    t1.setAutoCommit(false);
    t2.setAutoCommit(false);
    assertEquals(1, increment(t1, 1, 1));
    assertEquals(1, increment(t2, 2, 1));
    CountDownLatch both = new CountDownLatch(2);
    Callable<String> first = () -> crossUpdate(t1, 2, both);
    Callable<String> second = () -> crossUpdate(t2, 1, both);
    Future<String> f1 = pool.submit(first);
    Future<String> f2 = pool.submit(second);
    List<Throwable> failures = new ArrayList<>();
    int winners = 0;
    for (Future<String> f : List.of(f1, f2)) {
      try {
        f.get(30, TimeUnit.SECONDS);
        winners++;
      } catch (ExecutionException e) {
        failures.add(e.getCause());
      } catch (TimeoutException e) {
        fail("the deadlock was not resolved within 30 s");
      }
    }
    int won = winners;
    assertEquals(1, failures.size(), () -> "exactly one victim; got " + failures.stream()
        .map(ConcurrencyTest::describe).toList() + " and " + won + " winners");
    assertEquals(1, winners);
    Throwable victim = failures.get(0);
    assertTrue(victim instanceof SQLException, () -> "victim fails with an SQLException: " + victim);
    SQLException e = (SQLException) victim;
    System.out.println("ConcurrencyTest: deadlock victim got " + describe(e));
    assertTrue("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState()),
        () -> "deadlock SQLState 40001 or 40P01, got " + describe(e));
    assertTrue(e.getMessage().toUpperCase(Locale.ROOT).contains("COUNTER"),
        () -> "the message names the table: " + e.getMessage());
    assertEquals(1, value(admin, 1), "only the winner's increments are in");
    assertEquals(1, value(admin, 2), "only the winner's increments are in");
  }

  /** The second half of a deadlock: updates {@code id}, commits; on failure rolls back (as an application would). */
  private static String crossUpdate(Connection c, int id, CountDownLatch both) throws SQLException,
      InterruptedException {
    both.countDown();
    both.await();
    try {
      increment(c, id, 1);
      c.commit();
      return "committed";
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  @ParameterizedTest(name = "isolation {0}")
  @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
  void aSnapshotTransactionMayNotOverwriteALaterCommit(int isolation) throws Exception {
    Connection t1 = open();
    Connection t2 = open();
    t1.setTransactionIsolation(isolation);
    t1.setAutoCommit(false);
    assertEquals(0, value(t1, 1), "T1's snapshot");
    assertEquals(1, within(10, "T2's update", () -> increment(t2, 1, 1)));
    SQLException e = null;
    String where = "update";
    try {
      within(10, "T1's update", () -> increment(t1, 1, 10));
      where = "commit";
      within(10, "T1's commit", () -> {
        t1.commit();
        return null;
      });
    } catch (SQLException thrown) {
      e = thrown;
      System.out.println("ConcurrencyTest: isolation " + isolation + ": T1's " + where + " failed with "
          + describe(e));
    }
    assertNotNull(e, "T1 (snapshot before T2's commit) updated the row T2 changed and committed: "
        + "first-committer-wins was not enforced; n = " + value(admin, 1));
    assertEquals("40001", e.getSQLState(), describe(e));
    t1.rollback();
    assertEquals(1, value(admin, 1), "only T2's increment is in");
  }

  @Test
  void interruptingAThreadWaitingForARowLockHarmsNobodyElse() throws Exception {
    Connection t1 = open();
    Connection t2 = open();
    Connection other = open();
    assertEquals(1, increment(t2, 2, 1), "warm-up");
    t1.setAutoCommit(false);
    assertEquals(1, increment(t1, 1, 1));
    FutureTask<Integer> blocked = new FutureTask<>(() -> {
      try {
        return increment(t2, 1, 100);
      } finally {
        Thread.interrupted();
      }
    });
    Thread thread = new Thread(blocked, "blocked-on-row-lock");
    thread.setDaemon(true);
    thread.start();
    Thread.sleep(500);
    boolean wasWaiting = !blocked.isDone();
    thread.interrupt();
    Throwable outcome = null;
    try {
      blocked.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      outcome = e.getCause();
    } catch (TimeoutException e) {
      fail("the interrupted thread is still inside Marble 10 s later");
    }
    // Everyone else goes on: T1 commits, another connection writes and reads.
    within(10, "T1's commit after the interrupt", () -> {
      t1.commit();
      return null;
    });
    assertEquals(1, within(10, "another connection's update", () -> increment(other, 1, 1000)));
    // The interrupted connection itself still works.
    assertTrue(t2.isValid(5), "the interrupted connection is still valid");
    long n = value(t2, 1);
    System.out.println("ConcurrencyTest: the thread interrupted while waiting for a row lock got "
        + (outcome == null ? "no exception" : describe(outcome)));
    assertTrue(wasWaiting, "T2 waited for T1's row lock when it was interrupted");
    assertNotNull(outcome, "the interrupted statement failed (n = " + n + ")");
    assertTrue(outcome instanceof SQLException, "a clean SQLException, not " + outcome);
    String state = ((SQLException) outcome).getSQLState();
    assertTrue(state != null && !state.startsWith("08")
        && !outcome.getMessage().toLowerCase(Locale.ROOT).contains("closed"),
        "a clean SQLException, not a closed connection or database: " + describe(outcome));
    assertEquals(1001, n, "T1's and the other connection's increments, not the interrupted one's");
  }

  @Test
  void interruptingAThreadWorkingInsideMarbleHarmsNobodyElse() throws Exception {
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE TABLE log (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
    }
    AtomicBoolean stop = new AtomicBoolean();
    Set<Long> committed = ConcurrentHashMap.newKeySet();
    Set<Long> uncertain = ConcurrentHashMap.newKeySet();
    List<String> workerErrors = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger unnoticed = new AtomicInteger();
    Connection busy = open();
    FutureTask<Void> work = new FutureTask<>(() -> {
      try (PreparedStatement insert = busy.prepareStatement("INSERT INTO log VALUES (?, ?)");
          PreparedStatement count = busy.prepareStatement("SELECT COUNT(*), MAX(payload) FROM log")) {
        for (long id = 1; !stop.get(); id++) {
          try {
            insert.setLong(1, id);
            insert.setString(2, "row " + id + " " + "x".repeat((int) (id % 150)));
            insert.executeUpdate();
            committed.add(id);
            if (id % 10 == 0) {
              try (ResultSet rs = count.executeQuery()) {
                rs.next();
              }
            }
          } catch (SQLException e) {
            uncertain.add(id);
            workerErrors.add(describe(e));
          }
          if (Thread.interrupted()) {
            unnoticed.incrementAndGet();
          }
        }
      }
      return null;
    });
    Thread worker = new Thread(work, "interrupted-worker");
    worker.setDaemon(true);

    Connection bystander = open();
    AtomicLong bystanderCommits = new AtomicLong();
    List<String> bystanderErrors = Collections.synchronizedList(new ArrayList<>());
    Future<?> others = pool.submit(() -> {
      try (PreparedStatement ps = bystander.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = 2")) {
        while (!stop.get()) {
          try {
            ps.executeUpdate();
            bystanderCommits.incrementAndGet();
          } catch (SQLException e) {
            bystanderErrors.add(describe(e));
            if (bystanderErrors.size() > 20) {
              return null;
            }
          }
        }
      }
      return null;
    });
    worker.start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int interrupts = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(20 + ThreadLocalRandom.current().nextInt(60));
      worker.interrupt();
      interrupts++;
    }
    stop.set(true);
    try {
      work.get(30, TimeUnit.SECONDS);
      others.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      fail("a thread is stuck inside Marble after the interrupts");
    }
    System.out.printf(Locale.ROOT, "ConcurrencyTest: %d interrupts; the worker committed %d rows, got %d "
        + "SQLExceptions %s, %d interrupts went unnoticed; the bystander committed %d%n", interrupts,
        committed.size(), workerErrors.size(), workerErrors.stream().distinct().limit(5).toList(),
        unnoticed.get(), bystanderCommits.get());

    assertEquals(List.of(), bystanderErrors, "the other connection kept working");
    assertTrue(bystanderCommits.get() > 0, "the other connection made progress");
    for (String error : workerErrors) {
      assertFalse(error.startsWith("08") || error.startsWith("null")
          || error.toLowerCase(Locale.ROOT).contains("closed"),
          "the interrupted connection reports a clean SQLException, not a closed database: " + error);
    }
    assertTrue(busy.isValid(5), "the interrupted connection is still valid");
    long rows = within(30, "a read on the interrupted connection", () -> {
      try (Statement s = busy.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM log")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertTrue(rows >= committed.size() && rows <= committed.size() + uncertain.size(),
        "rows " + rows + " = committed " + committed.size() + " (+ up to " + uncertain.size() + " uncertain)");
    assertEquals(bystanderCommits.get(), value(admin, 2), "every bystander commit is in");

    // And the database is intact on disk: close everything, reopen, everything acknowledged is there.
    synchronized (connections) {
      for (Connection c : connections) {
        c.close();
      }
      connections.clear();
    }
    Connection again = within(60, "reopening the database", this::open);
    try (Statement s = again.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM log")) {
      Set<Long> found = new java.util.HashSet<>();
      while (rs.next()) {
        found.add(rs.getLong(1));
      }
      assertTrue(found.containsAll(committed), "every committed row survives a reopen");
      found.removeAll(committed);
      assertTrue(uncertain.containsAll(found), "no row that was never inserted: " + found);
    }
    assertEquals(bystanderCommits.get(), value(again, 2));
  }
}
