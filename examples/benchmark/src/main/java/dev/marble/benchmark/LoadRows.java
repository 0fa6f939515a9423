package dev.marble.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Loads N rows into a table created with default options (no sizing hints) and prints load rate,
 * size on disk, reopen time and random-lookup rate: the proof that a table grows by itself.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark exec:exec -Dbenchmark.main=dev.marble.benchmark.LoadRows
 * -Dbenchmark.args="10000000 /path/to/dir"}.
 */
public final class LoadRows {
  private static final int BATCH = 10_000;

  private LoadRows() {}

  /**
   * Creates table {@code big} with {@code rows} rows in JDBC batches, calling {@code everyMillion}
   * with the row count after each million (ColdStart loads the same table).
   */
  static void fill(Connection c, long rows, LongConsumer everyMillion) throws SQLException {
    c.createStatement().execute("CREATE TABLE big (id BIGINT PRIMARY KEY, category INT, "
        + "title VARCHAR(100), body VARCHAR(200))");
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO big VALUES (?, ?, ?, ?)")) {
      for (long i = 1; i <= rows; i++) {
        ps.setLong(1, i);
        ps.setInt(2, (int) (i % 50));
        ps.setString(3, "title of row " + i);
        ps.setString(4, "body " + Long.toHexString(i * 0x9E3779B97F4A7C15L));
        ps.addBatch();
        if (i % BATCH == 0) {
          ps.executeBatch();
          c.commit();
        }
        if (i % 1_000_000 == 0) {
          everyMillion.accept(i);
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("marble-load");
    String url = "jdbc:marble:" + dir.resolve("db");
    long t0 = System.nanoTime();
    long[] mark = {System.nanoTime()};
    try (Connection c = DriverManager.getConnection(url)) {
      fill(c, rows, i -> {
        long now = System.nanoTime();
        System.out.printf("%,d rows: last million at %,.0f rows/s, %,d MB on disk%n", i,
            1_000_000 / ((now - mark[0]) / 1e9), diskMegabytes(dir));
        mark[0] = now;
      });
    }
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("loaded %,d rows in %.1f s (%,.0f rows/s); %,d MB on disk%n", rows, loadSeconds,
        rows / loadSeconds, diskBytes(dir) >> 20);
    long t1 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url + ";create=false")) {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT title FROM big WHERE id = 1")) {
        rs.next();
      }
      System.out.printf("reopen and first lookup: %.0f ms%n", (System.nanoTime() - t1) / 1e6);
      lookups(c, rows);
      long t2 = System.nanoTime();
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(category) FROM big")) {
        rs.next();
        System.out.printf("COUNT(*) = %,d, SUM(category) = %,d in %.1f s%n", rs.getLong(1), rs.getLong(2),
            (System.nanoTime() - t2) / 1e9);
      }
    }
  }

  private static void lookups(Connection c, long rows) throws SQLException {
    Random random = new Random(1);
    int n = 100_000;
    long found = 0;
    long t = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement("SELECT title FROM big WHERE id = ?")) {
      for (int i = 0; i < n; i++) {
        ps.setLong(1, 1 + (long) (random.nextDouble() * rows));
        try (ResultSet rs = ps.executeQuery()) {
          found += rs.next() ? 1 : 0;
        }
      }
    }
    System.out.printf("%,d random key lookups: %,.0f/s (%,d found)%n", n, n / ((System.nanoTime() - t) / 1e9), found);
  }

  private static long diskMegabytes(Path dir) {
    try {
      return diskBytes(dir) >> 20;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
