package dev.marble.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Durable commits per second, in one run: Marble at sync=full and sync=normal, H2 with
 * WRITE_DELAY=0 (its durable mode) and SQLite in WAL mode with synchronous=FULL; transactions of
 * 1 and of 100 rows, from one thread.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark exec:exec -Dbenchmark.main=dev.marble.benchmark.CommitRate}.
 */
public final class CommitRate {
  private static final double SECONDS = 5;

  private CommitRate() {}

  private record Target(String name, String url, List<String> setup) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("marble-commits");
    List<Target> targets = List.of(
        new Target("Marble sync=full", "jdbc:marble:" + dir.resolve("marble-full") + ";sync=full", List.of()),
        new Target("Marble sync=normal", "jdbc:marble:" + dir.resolve("marble-normal") + ";sync=normal", List.of()),
        new Target("H2 WRITE_DELAY=0", "jdbc:h2:" + dir.resolve("h2") + ";WRITE_DELAY=0", List.of()),
        new Target("SQLite WAL, synchronous=FULL", "jdbc:sqlite:" + dir.resolve("sqlite.db"),
            List.of("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL")));
    System.out.printf("%-30s %18s %22s%n", "database", "1-row commits/s", "100-row commits/s");
    for (Target t : targets) {
      try (Connection c = DriverManager.getConnection(t.url())) {
        try (Statement s = c.createStatement()) {
          for (String sql : t.setup()) {
            s.execute(sql);
          }
          s.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, owner VARCHAR(40), balance BIGINT)");
        }
        c.setAutoCommit(false);
        double one = rate(c, 1);
        double hundred = rate(c, 100);
        System.out.printf("%-30s %,18.0f %,22.0f%n", t.name(), one, hundred);
      }
    }
  }

  /** Commits per second of transactions that each insert {@code rows} rows, over a few seconds. */
  private static double rate(Connection c, int rows) throws SQLException {
    long id = rows * 10_000_000L;
    long commits = 0;
    long start = System.nanoTime();
    long end = start + (long) (SECONDS * 1e9);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO account VALUES (?, ?, ?)")) {
      while (System.nanoTime() < end) {
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, ++id);
          ps.setString(2, "owner " + id);
          ps.setLong(3, id % 1000);
          ps.executeUpdate();
        }
        c.commit();
        commits++;
      }
    }
    return commits / ((System.nanoTime() - start) / 1e9);
  }
}
