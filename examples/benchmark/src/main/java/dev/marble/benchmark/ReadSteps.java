package dev.marble.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reading measurements: point reads, full scan against a raw read of the files, keyword search
 * and category lookups. Each checks what it reads against {@link Dataset.Expected}, so that a fast
 * wrong answer fails instead of winning.
 */
final class ReadSteps {
  /** Scans and searches: best of this many runs, as long as the budget allows a second one. */
  private static final int MAX_RUNS = 3;
  /** Where sums of bytes read go, so that the JIT cannot drop the reading. */
  private static volatile long sink;

  private final Dataset data;
  private final Dataset.Expected expected;
  private final Results results;
  private final double budgetSeconds;

  ReadSteps(Dataset data, Dataset.Expected expected, Results results, double budgetSeconds) {
    this.data = data;
    this.expected = expected;
    this.results = results;
    this.budgetSeconds = budgetSeconds;
  }

  /** Planned point reads: half the rows, at least 10,000 (for stable percentiles), at most 500,000. */
  static long pointReads(long rows) {
    return Math.max(10_000, Math.min(rows / 2, 500_000));
  }

  /** Planned category lookups: one per 100 rows, at least 200. */
  static long categoryLookups(long rows) {
    return Math.max(200, rows / 100);
  }

  /** Reads/s and latency percentiles; warm-up first (10% of the count, at most a fifth of the budget). */
  void pointReads(Connection c, String table, boolean text) throws SQLException {
    int count = (int) pointReads(data.rows);
    SplittableRandom random = new SplittableRandom(data.seed + 3);
    long[] nanos = new long[count];
    try (PreparedStatement ps = c.prepareStatement("SELECT title, payload FROM " + table + " WHERE id = ?")) {
      Budget warmUp = new Budget(budgetSeconds / 5);
      for (int i = 0; i < count / 10 && warmUp.left(); i++) {
        readOne(ps, 1 + random.nextLong(data.rows), text);
      }
      Budget budget = new Budget(budgetSeconds);
      int done = 0;
      long start = System.nanoTime();
      while (done < count && budget.left()) {
        long t = System.nanoTime();
        readOne(ps, 1 + random.nextLong(data.rows), text);
        nanos[done++] = System.nanoTime() - t;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted = Arrays.copyOf(nanos, done);
      Arrays.sort(sorted);
      if (budget.reached()) {
        results.cutShort(Measurement.POINT_READS, done, count, "reads");
      }
      results.put(Metric.READ_OPS, done / seconds, budget.reached());
      results.put(Metric.READ_P50, sorted[done / 2] / 1e3, budget.reached());
      results.put(Metric.READ_P99, sorted[(int) Math.min(done - 1, (long) (done * 0.99))] / 1e3, budget.reached());
    }
  }

  private static void readOne(PreparedStatement ps, long id, boolean text) throws SQLException {
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row with id " + id);
      }
      rs.getString(1);
      // getString decodes every byte of a text payload; bytes are summed to touch each one.
      sink += text ? rs.getString(2).length() : Dataset.byteSum(rs.getBytes(2));
    }
  }

  /** Scan MB/s (payload bytes) and raw read MB/s (file bytes) of the same directory, and their ratio. */
  void scanAndRawRead(Connection c, String table, boolean text, Path dir) throws SQLException, IOException {
    String sql = "SELECT payload FROM " + table;
    double scan = bestOf(() -> {
      long rows = 0;
      long sum = 0;
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(Budget.statementTimeoutSeconds(budgetSeconds));
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rows++;
            sum += text ? rs.getString(1).length() : Dataset.byteSum(rs.getBytes(1));
          }
        }
      }
      long want = text ? expected.payloadBytes() : expected.byteSum();
      if (rows != data.rows || sum != want) {
        throw new IllegalStateException(String.format("scan read %,d rows summing to %,d; expected %,d rows "
            + "summing to %,d", rows, sum, data.rows, want));
      }
    });
    long[] fileBytes = new long[1];
    double raw = bestOf(() -> fileBytes[0] = readFiles(dir));
    double scanMb = expected.payloadBytes() / 1e6 / scan;
    double rawMb = fileBytes[0] / 1e6 / raw;
    results.put(Metric.SCAN_MB, scanMb, false);
    results.put(Metric.RAW_MB, rawMb, false);
    results.put(Metric.SCAN_OF_RAW, 100 * scanMb / rawMb, false);
  }

  /** Every regular file under dir through one FileChannel each and a 1 MB buffer, summing every byte. */
  private static long readFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    byte[] array = buffer.array();
    long total = 0;
    long sum = 0;
    for (Path f : files) {
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        int n;
        while ((n = ch.read(buffer.clear())) >= 0) {
          for (int i = 0; i < n; i++) {
            sum += array[i];
          }
          total += n;
        }
      } catch (java.nio.file.NoSuchFileException gone) {
        // A database may delete a temporary file between the listing and the open.
      }
    }
    sink += sum;
    return total;
  }

  /** Rare and common word: MB/s of text payload scanned and the rows found, each count checked. */
  void keywordSearch(Connection c, String table) throws SQLException {
    search(c, table, Dataset.RARE_WORD, expected.rareRows(), Metric.RARE_MB, Metric.RARE_ROWS);
    search(c, table, Dataset.COMMON_WORD, expected.commonRows(), Metric.COMMON_MB, Metric.COMMON_ROWS);
  }

  private void search(Connection c, String table, String word, long want, Metric mb, Metric rows)
      throws SQLException {
    String sql = "SELECT COUNT(*) FROM " + table + " WHERE payload LIKE '%" + word + "%'";
    double seconds = bestOf(() -> {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(Budget.statementTimeoutSeconds(budgetSeconds));
        try (ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          long found = rs.getLong(1);
          if (found != want) {
            throw new IllegalStateException(String.format("LIKE '%%%s%%' counted %,d rows; the data has %,d",
                word, found, want));
          }
        }
      }
    });
    results.put(mb, expected.payloadBytes() / 1e6 / seconds, false);
    results.put(rows, want, false);
  }

  /** Queries/s and rows/s of random categories; a short warm-up first (a fifth of the budget at most). */
  void categoryLookups(Connection c, String table) throws SQLException {
    long count = categoryLookups(data.rows);
    SplittableRandom random = new SplittableRandom(data.seed + 5);
    try (PreparedStatement ps = c.prepareStatement("SELECT id, title FROM " + table + " WHERE category = ?")) {
      ps.setQueryTimeout(Budget.statementTimeoutSeconds(budgetSeconds));
      Budget warmUp = new Budget(budgetSeconds / 5);
      for (int i = 0; i < 3 && warmUp.left(); i++) {
        lookup(ps, random.nextInt(Dataset.CATEGORIES));
      }
      Budget budget = new Budget(budgetSeconds);
      long done = 0;
      long rows = 0;
      long start = System.nanoTime();
      while (done < count && budget.left()) {
        rows += lookup(ps, random.nextInt(Dataset.CATEGORIES));
        done++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (budget.reached()) {
        results.cutShort(Measurement.CATEGORY, done, count, "lookups");
      }
      results.put(Metric.CATEGORY_OPS, done / seconds, budget.reached());
      results.put(Metric.CATEGORY_ROWS, rows / seconds, budget.reached());
    }
  }

  private long lookup(PreparedStatement ps, int category) throws SQLException {
    ps.setInt(1, category);
    long rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
        rs.getString(2);
        rows++;
      }
    }
    if (rows != expected.perCategory()[category]) {
      throw new IllegalStateException(String.format("category %d returned %,d rows; the data has %,d",
          category, rows, expected.perCategory()[category]));
    }
    return rows;
  }

  private interface Run {
    void run() throws SQLException, IOException;
  }

  /** Seconds of the fastest of up to {@link #MAX_RUNS} runs; later runs only while the budget lasts. */
  private double bestOf(Run run) throws SQLException {
    Budget budget = new Budget(budgetSeconds);
    double best = Double.MAX_VALUE;
    for (int i = 0; i < MAX_RUNS && (i == 0 || budget.left()); i++) {
      long t = System.nanoTime();
      try {
        run.run();
      } catch (IOException e) {
        throw new SQLException(e);
      }
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }
}
