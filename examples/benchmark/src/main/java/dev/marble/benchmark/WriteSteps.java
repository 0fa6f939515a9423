package dev.marble.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * The writing measurements: bulk load, random updates and deletes. Each runs with auto-commit off
 * and commits at its own rhythm, so every database pays its per-commit durability cost the same
 * number of times; on success it leaves auto-commit on again (on failure {@link Workload} rolls
 * back first).
 */
final class WriteSteps {
  static final int LOAD_BATCH = 1000;
  static final int TRANSACTION = 100;

  private final Dataset data;
  private final Results results;
  private final double budgetSeconds;

  WriteSteps(Dataset data, Results results, double budgetSeconds) {
    this.data = data;
    this.results = results;
    this.budgetSeconds = budgetSeconds;
  }

  /**
   * Loads rows 1..{@code rows} (no budget: later measurements need every row), printing progress
   * every 10% unless quiet. Returns rows/s; the caller decides which metrics it becomes.
   */
  double load(Connection c, String table, boolean text, long rows, boolean quiet) throws SQLException {
    c.setAutoCommit(false);
    long start = System.nanoTime();
    long step = quiet ? Long.MAX_VALUE : Math.max(LOAD_BATCH, rows / 10 / LOAD_BATCH * LOAD_BATCH);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (id, category, title, payload) VALUES (?, ?, ?, ?)")) {
      for (long id = 1; id <= rows; id++) {
        ps.setLong(1, id);
        ps.setInt(2, data.category(id));
        ps.setString(3, data.title(id, 0));
        setPayload(ps, 4, id, 0, text);
        ps.addBatch();
        if (id % LOAD_BATCH == 0 || id == rows) {
          ps.executeBatch();
          c.commit();
        }
        if (id % step == 0 && id < rows) {
          System.out.printf("  %-7s loading %s: %,d rows, %,.0f rows/s so far%n", results.database.key, table,
              id, id / ((System.nanoTime() - start) / 1e9));
        }
      }
    }
    c.setAutoCommit(true);
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private void setPayload(PreparedStatement ps, int index, long id, int version, boolean text)
      throws SQLException {
    if (text) {
      ps.setString(index, data.textPayload(id, version));
    } else {
      ps.setBytes(index, data.binaryPayload(id, version));
    }
  }

  /** Planned updates: one per 10 rows, at least 1000. */
  static long updates(long rows) {
    return Math.max(1000, rows / 10);
  }

  /** Planned deletes: 10% of the rows. */
  static long deletes(long rows) {
    return rows / 10;
  }

  /** Random ids (repeats allowed), a new title and a new 1-8 KB payload each, 100 per transaction. */
  void updates(Connection c, String table, boolean text) throws SQLException {
    long count = updates(data.rows);
    SplittableRandom random = new SplittableRandom(data.seed + 7);
    c.setAutoCommit(false);
    Budget budget = new Budget(budgetSeconds);
    long done = 0;
    long start = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
        + " SET title = ?, payload = ? WHERE id = ?")) {
      while (done < count && budget.left()) {
        for (int i = 0; i < TRANSACTION && done < count; i++, done++) {
          long id = 1 + random.nextLong(data.rows);
          ps.setString(1, data.title(id, 1));
          setPayload(ps, 2, id, 1, text);
          ps.setLong(3, id);
          expectOne(ps.executeUpdate(), "UPDATE", id);
        }
        c.commit();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    c.setAutoCommit(true);
    if (budget.reached()) {
      results.cutShort(Measurement.UPDATES, done, count, "updates");
    }
    results.put(Metric.UPDATE_OPS, done / seconds, budget.reached());
  }

  /** 10% of the ids, each once, in a random order, 100 per transaction. */
  void deletes(Connection c, String table) throws SQLException {
    long[] ids = data.shuffledIds(13);
    int count = (int) deletes(data.rows);
    c.setAutoCommit(false);
    Budget budget = new Budget(budgetSeconds);
    int done = 0;
    long start = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      while (done < count && budget.left()) {
        for (int i = 0; i < TRANSACTION && done < count; i++, done++) {
          ps.setLong(1, ids[done]);
          expectOne(ps.executeUpdate(), "DELETE", ids[done]);
        }
        c.commit();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    c.setAutoCommit(true);
    if (budget.reached()) {
      results.cutShort(Measurement.DELETES, done, count, "deletes");
    }
    results.put(Metric.DELETE_OPS, done / seconds, budget.reached());
  }

  private static void expectOne(int count, String what, long id) {
    if (count != 1) {
      throw new IllegalStateException(what + " of id " + id + " reported " + count + " rows");
    }
  }
}
