package dev.marble.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The whole workload on one database in its own fresh directory. Run order: load, index, clean close
 * (bytes on disk), reopen to first query, point reads, scan, keyword search (text table loaded
 * here), category lookups, updates, deletes, clean close (bytes at the end). The size is taken
 * right after load and index because only then does "bytes per payload byte loaded" mean what it says.
 *
 * <p>Each measurement runs in {@link #step}: a failure is recorded against that measurement and
 * the next one still runs; only a failed load or connection ends the database's run early.
 */
final class Workload {
  static final String TABLE = "t";
  static final String TEXT_TABLE = "t_text";

  private final Database db;
  private final Path dir;
  private final Options options;
  private final Dataset data;
  private final Dataset.Expected expected;
  private final Results results;
  private final ReadSteps reads;
  private final WriteSteps writes;
  private Connection c;

  Workload(Database db, Path dir, Options options, Dataset data, Dataset.Expected expected) {
    this.db = db;
    this.dir = dir;
    this.options = options;
    this.data = data;
    this.expected = expected;
    this.results = new Results(db);
    this.reads = new ReadSteps(data, expected, results, options.budgetSeconds());
    this.writes = new WriteSteps(data, results, options.budgetSeconds());
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Rows loaded by {@link #warmUp}: enough for the JIT to compile the insert path. */
  static long warmUpRows(long rows) {
    return Math.min(rows, 20_000);
  }

  /**
   * Loads the first rows into a throwaway database in a sibling directory, then deletes it, so that
   * the measured load does not include compiling the database's insert path: Marble, H2 and HSQLDB
   * are Java code the JIT has yet to compile, SQLite is native, and a cold start would mostly
   * measure that difference at small N.
   */
  void warmUp() throws Exception {
    Path scratch = dir.resolveSibling(dir.getFileName() + "-warmup");
    Benchmark.deleteTree(scratch);
    Files.createDirectories(scratch);
    long start = System.nanoTime();
    try (Connection w = db.connect(scratch)) {
      db.configure(w);
      try (Statement s = w.createStatement()) {
        s.execute(db.createTableSql(TABLE, !options.binaryMain()));
      }
      writes.load(w, TABLE, !options.binaryMain(), warmUpRows(data.rows), true);
      db.shutdown(w);
    } finally {
      Benchmark.deleteTree(scratch);
    }
    System.out.printf("  %-7s warm-up: loaded %,d rows into a throwaway database in %.1f s%n", db.key,
        warmUpRows(data.rows), (System.nanoTime() - start) / 1e9);
  }

  Results run() {
    boolean text = !options.binaryMain();
    try {
      warmUp();
      Files.createDirectories(dir);
      c = db.connect(dir);
      results.version(c.getMetaData().getDatabaseProductVersion());
      db.configure(c);
      try (Statement s = c.createStatement()) {
        s.execute(db.createTableSql(TABLE, text));
      }
    } catch (Throwable t) {
      for (Measurement m : Measurement.values()) {
        results.fail(m, t);
      }
      closeQuietly();
      return results;
    }
    boolean loaded = step(Measurement.LOAD, () -> {
      double rowsPerSecond = writes.load(c, TABLE, text, data.rows, false);
      results.put(Metric.LOAD_ROWS, rowsPerSecond, false);
      results.put(Metric.LOAD_MB, rowsPerSecond * expected.payloadBytes() / data.rows / 1e6, false);
    });
    if (!loaded) {
      closeQuietly();
      notRun("not run: the load failed");
      return results;
    }
    step(Measurement.INDEX, () -> {
      long t = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE INDEX t_category ON " + TABLE + " (category)");
      }
      results.put(Metric.INDEX_S, (System.nanoTime() - t) / 1e9, false);
    });
    step(Measurement.DISK, () -> {
      closeCleanly();
      long bytes = diskBytes();
      results.put(Metric.DISK_RATIO, (double) bytes / expected.payloadBytes(), false);
      results.put(Metric.DISK_MB, bytes / 1e6, false);
    });
    step(Measurement.REOPEN, this::reopen);
    if (c == null) {
      notRun("not run: no connection after the reopen failed");
      return results;
    }
    step(Measurement.POINT_READS, () -> reads.pointReads(c, TABLE, text));
    step(Measurement.SCAN, () -> reads.scanAndRawRead(c, TABLE, text, dir));
    if (options.search()) {
      step(Measurement.SEARCH, () -> {
        String table = TABLE;
        if (options.payload() == Options.Payload.BOTH) {
          table = TEXT_TABLE;
          try (Statement s = c.createStatement()) {
            s.execute(db.createTableSql(TEXT_TABLE, true));
          }
          results.put(Metric.TEXT_LOAD_ROWS, writes.load(c, TEXT_TABLE, true, data.rows, false), false);
        }
        reads.keywordSearch(c, table);
      });
    }
    step(Measurement.CATEGORY, () -> reads.categoryLookups(c, TABLE));
    step(Measurement.UPDATES, () -> writes.updates(c, TABLE, text));
    step(Measurement.DELETES, () -> writes.deletes(c, TABLE));
    step(Measurement.DISK, " (at the end)", () -> {
      closeCleanly();
      results.put(Metric.DISK_END_MB, diskBytes() / 1e6, false);
    });
    closeQuietly();
    return results;
  }

  /** Marks the measurements that got no numbers (but were meant to run) with the reason. */
  private void notRun(String why) {
    for (Measurement m : Measurement.values()) {
      if (m != Measurement.SEARCH || options.search()) {
        results.failIfEmpty(m, why);
      }
    }
  }

  /** Runs one measurement; on failure records it and puts the connection back into auto-commit. */
  private boolean step(Measurement m, Step step) {
    return step(m, "", step);
  }

  private boolean step(Measurement m, String which, Step step) {
    System.out.printf("  %-7s %s%s%n", db.key, m.title, which);
    try {
      step.run();
      return true;
    } catch (Throwable t) {
      results.fail(m, t);
      if (c != null) {
        try {
          if (!c.isClosed() && !c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
          }
        } catch (SQLException | RuntimeException ignored) {
          // The connection is unusable; the next measurement reports its own failure.
        }
      }
      return false;
    }
  }

  /** Times connect plus the first point query that returns a row; the connection stays open. */
  private void reopen() throws SQLException {
    closeQuietly();
    long id = (data.rows + 1) / 2;
    long t = System.nanoTime();
    c = db.connect(dir);
    try (PreparedStatement ps = c.prepareStatement("SELECT title, payload FROM " + TABLE + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !data.title(id, 0).equals(rs.getString(1)) || rs.getObject(2) == null) {
          throw new IllegalStateException("row " + id + " missing or wrong after reopen");
        }
      }
    }
    results.put(Metric.REOPEN_MS, (System.nanoTime() - t) / 1e6, false);
    results.settings(db.settingsInEffect(c));
  }

  private void closeCleanly() throws SQLException {
    Connection closing = c;
    c = null;
    if (closing != null) {
      try {
        db.shutdown(closing);
      } finally {
        closing.close();
      }
    }
  }

  private void closeQuietly() {
    try {
      closeCleanly();
    } catch (SQLException | RuntimeException e) {
      System.out.printf("  %-7s close failed: %s%n", db.key, e);
    }
  }

  private long diskBytes() throws IOException {
    return diskBytes(dir);
  }

  static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
