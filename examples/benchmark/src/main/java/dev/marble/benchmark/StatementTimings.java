package dev.marble.benchmark;

import dev.marble.jdbc.MarbleConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * What a statement costs the first time and after: for each kind of statement, the first
 * execution (parse, plan, generate and compile code, run); the same SQL text again through a new
 * PreparedStatement each time, as Hibernate does (plan cache hit, bind, run); never-seen texts
 * with other literals through a plain Statement (the literals are lifted into parameters, so this
 * is a plan cache hit too); and, for contrast, never-seen texts that keep their literals (a
 * PreparedStatement of literal text is never lifted: what every one-off statement cost before).
 * The "plans" column counts plans built while the never-seen texts ran: 0 means none re-planned.
 *
 * <p>One file database with {@code sync=normal}, auto-commit on, so each write is a commit.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark exec:exec} (after {@code mvn -q install -DskipTests}).
 */
public final class StatementTimings {
  private static final int REPEATS = 2_000;
  private static final int WARM_UP = 500;
  private static final int UNLIFTED = 30;
  private static final int CUSTOMERS = 10_000;

  /** A kind of statement: with {@code ?} for a PreparedStatement, and with literals for a key. */
  private record Shape(String label, String prepared, Binder binder, IntFunction<String> literal, boolean newKeys) {}

  private interface Binder {
    void bind(PreparedStatement ps, int key) throws SQLException;
  }

  /** Keys of the phases (first, repeated, warm-up, never-seen, unlifted) for statements needing new rows. */
  private static final int[] PHASE_KEYS = {1, 100_000, 200_000, 300_000, 400_000};

  private StatementTimings() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("marble-timings");
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + dir.resolve("db") + ";sync=normal")) {
      fill(c);
      System.out.println("File database, sync=normal, auto-commit (each write commits). Times: first in ms;");
      System.out.println("others p50/p99 over " + REPEATS + " executions (never-seen: " + REPEATS
          + " distinct texts after " + WARM_UP + " others); unlifted: p50 over " + UNLIFTED + " distinct texts.");
      System.out.printf("%-30s %10s %22s %26s %8s %14s%n", "statement", "first ms", "repeated PS µs p50/p99",
          "never-seen Stmt µs p50/p99", "plans", "unlifted ms");
      String join = "SELECT c.name, o.id, SUM(i.qty) FROM customer c "
          + "JOIN orders o ON o.customer_id = c.id JOIN item i ON i.order_id = o.id "
          + "WHERE c.id = %s GROUP BY c.name, o.id";
      report(c, new Shape("point SELECT by key", "SELECT name, city FROM customer WHERE id = ?",
          (ps, k) -> ps.setInt(1, k), k -> "SELECT name, city FROM customer WHERE id = " + k, false));
      report(c, new Shape("single-row INSERT", "INSERT INTO audit (id, what) VALUES (?, ?)",
          (ps, k) -> {
            ps.setLong(1, k);
            ps.setString(2, "w" + k % 1000);
          }, k -> "INSERT INTO audit (id, what) VALUES (" + k + ", 'w" + k % 1000 + "')", true));
      report(c, new Shape("UPDATE by key", "UPDATE customer SET city = ? WHERE id = ?",
          (ps, k) -> {
            ps.setString(1, "town " + k);
            ps.setInt(2, k);
          }, k -> "UPDATE customer SET city = 'town " + k + "' WHERE id = " + k, false));
      report(c, new Shape("DELETE by key", "DELETE FROM audit WHERE id = ?",
          (ps, k) -> ps.setLong(1, k), k -> "DELETE FROM audit WHERE id = " + k, true));
      report(c, new Shape("3-table join, GROUP BY", String.format(join, "?"),
          (ps, k) -> ps.setInt(1, k), k -> String.format(join, k), false));
    }
  }

  private static void fill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40), city VARCHAR(40))");
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, placed DATE)");
      s.execute("CREATE TABLE item (order_id INT, line INT, qty INT, PRIMARY KEY (order_id, line))");
      s.execute("CREATE TABLE audit (id BIGINT PRIMARY KEY, what VARCHAR(10))");
    }
    c.setAutoCommit(false);
    batch(c, "INSERT INTO customer VALUES (?, ?, ?)", CUSTOMERS, (ps, i) -> {
      ps.setInt(1, i);
      ps.setString(2, "customer " + i);
      ps.setString(3, "city " + (i % 100));
    });
    batch(c, "INSERT INTO orders VALUES (?, ?, DATE '2024-01-01')", 30_000, (ps, i) -> {
      ps.setInt(1, i);
      ps.setInt(2, i % CUSTOMERS);
    });
    batch(c, "INSERT INTO item VALUES (?, ?, ?)", 60_000, (ps, i) -> {
      ps.setInt(1, i / 2);
      ps.setInt(2, i % 2);
      ps.setInt(3, i % 7);
    });
    c.setAutoCommit(true);
  }

  private static void batch(Connection c, String sql, int rows, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < rows; i++) {
        binder.bind(ps, i);
        ps.addBatch();
        if (i % 5_000 == 4_999) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private static void report(Connection c, Shape shape) throws SQLException {
    Random random = new Random(42);
    int[] next = PHASE_KEYS.clone(); // an INSERT's rows are the ones its DELETE removes
    IntUnaryOperator key = phase -> shape.newKeys ? next[phase]++ : random.nextInt(CUSTOMERS);
    long t0 = System.nanoTime();
    runPrepared(c, shape, key.applyAsInt(0));
    double firstMs = (System.nanoTime() - t0) / 1e6;
    long[] repeated = new long[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      int k = key.applyAsInt(1);
      long t = System.nanoTime();
      runPrepared(c, shape, k);
      repeated[i] = System.nanoTime() - t;
    }
    for (int i = 0; i < WARM_UP; i++) {
      runPlain(c, shape.literal.apply(key.applyAsInt(2)));
    }
    MarbleConnection marble = c.unwrap(MarbleConnection.class);
    long plansBefore = marble.plansBuilt();
    long[] neverSeen = new long[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      String sql = shape.literal.apply(key.applyAsInt(3));
      long t = System.nanoTime();
      runPlain(c, sql);
      neverSeen[i] = System.nanoTime() - t;
    }
    long plans = marble.plansBuilt() - plansBefore;
    long[] unlifted = new long[UNLIFTED];
    for (int i = 0; i < UNLIFTED; i++) {
      String sql = shape.literal.apply(key.applyAsInt(4));
      long t = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        consume(ps, ps.execute());
      }
      unlifted[i] = System.nanoTime() - t;
    }
    System.out.printf("%-30s %10.1f %22s %26s %8d %14.1f%n", shape.label, firstMs, percentiles(repeated),
        percentiles(neverSeen), plans, median(unlifted) / 1e6);
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("%.1f / %.1f", sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3);
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void runPrepared(Connection c, Shape shape, int key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(shape.prepared)) {
      shape.binder.bind(ps, key);
      consume(ps, ps.execute());
    }
  }

  private static void runPlain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      consume(s, s.execute(sql));
    }
  }

  /** Reads every row of a query; a write must have changed exactly one row, or the timing measures nothing. */
  private static void consume(Statement s, boolean query) throws SQLException {
    if (!query) {
      if (s.getUpdateCount() != 1) {
        throw new IllegalStateException("expected one row changed, not " + s.getUpdateCount());
      }
      return;
    }
    try (ResultSet rs = s.getResultSet()) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
