package dev.marble.benchmark;

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

/**
 * Prints the time of the first execution of a statement (parse, plan, generate and compile code,
 * run) against the median of later executions of the same SQL text through a new
 * PreparedStatement each time, as Hibernate does (plan cache hit, bind, run).
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark exec:exec} (after {@code mvn -q install -DskipTests}).
 */
public final class StatementTimings {
  private static final int REPEATS = 2_000;

  private StatementTimings() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("marble-timings");
    try (Connection c = DriverManager.getConnection("jdbc:marble:" + dir.resolve("db"))) {
      fill(c);
      System.out.printf("%-32s %14s %16s%n", "statement", "first (ms)", "repeated (µs, p50)");
      report(c, "point SELECT by key", "SELECT name, city FROM customer WHERE id = ?", 10_000, false);
      report(c, "single-row INSERT", "INSERT INTO audit (id, what) VALUES (?, 'x')", Integer.MAX_VALUE, true);
      report(c, "3-table join by key", "SELECT c.name, o.id, SUM(i.qty) FROM customer c "
          + "JOIN orders o ON o.customer_id = c.id JOIN item i ON i.order_id = o.id "
          + "WHERE c.id = ? GROUP BY c.name, o.id", 10_000, false);
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
    batch(c, "INSERT INTO customer VALUES (?, ?, ?)", 10_000, (ps, i) -> {
      ps.setInt(1, i);
      ps.setString(2, "customer " + i);
      ps.setString(3, "city " + (i % 100));
    });
    batch(c, "INSERT INTO orders VALUES (?, ?, DATE '2024-01-01')", 30_000, (ps, i) -> {
      ps.setInt(1, i);
      ps.setInt(2, i % 10_000);
    });
    batch(c, "INSERT INTO item VALUES (?, ?, ?)", 60_000, (ps, i) -> {
      ps.setInt(1, i / 2);
      ps.setInt(2, i % 2);
      ps.setInt(3, i % 7);
    });
    c.setAutoCommit(true);
  }

  private interface Binder {
    void bind(PreparedStatement ps, int i) throws SQLException;
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

  private static void report(Connection c, String label, String sql, int keyRange, boolean sequential)
      throws SQLException {
    Random random = new Random(42);
    long t0 = System.nanoTime();
    run(c, sql, 0);
    double firstMs = (System.nanoTime() - t0) / 1e6;
    long[] times = new long[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      int key = sequential ? i + 1 : random.nextInt(keyRange);
      long t = System.nanoTime();
      run(c, sql, key);
      times[i] = System.nanoTime() - t;
    }
    Arrays.sort(times);
    System.out.printf("%-32s %14.1f %16.1f%n", label, firstMs, times[REPEATS / 2] / 1e3);
  }

  private static void run(Connection c, String sql, int key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, key);
      if (ps.execute()) {
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
    }
  }
}
