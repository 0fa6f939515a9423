package dev.marble.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of {@link ServerLoad}: its own connection and prepared statements (opened before the
 * clock starts), drawing operations from the mix until the run's end. A write enters the ledger
 * only once its commit returned. Conflicts of the update transaction (lock timeout, serialization
 * failure) are rolled back and retried, and counted as retries, not errors.
 */
final class LoadClient {
  /** SQLStates after which the update transaction is retried: its effects were rolled back. */
  private static final Set<String> RETRIED = Set.of("40001", "40P01", "55P03");
  private static final int MAX_ATTEMPTS = 20;
  private static final String WRONG = "(wrong result)";

  /** What the clients share: the data, the mix, the next free id. */
  record Plan(LoadRun.Connector connector, Dataset data, long rows, LoadOptions.Mix mix, AtomicLong nextId) {}

  private final Plan plan;
  private final SplittableRandom random;
  private final Tally tally = new Tally();
  private Connection connection;
  private PreparedStatement pointRead;
  private PreparedStatement rangeRead;
  private PreparedStatement accountRead;
  private PreparedStatement insert;
  private PreparedStatement bump;
  private PreparedStatement version;

  LoadClient(Plan plan, long seed) {
    this.plan = plan;
    this.random = new SplittableRandom(seed);
  }

  /** Runs operations until {@code end} (System.nanoTime); times those started from {@code measureFrom}. */
  Tally run(long measureFrom, long end) throws SQLException {
    try {
      long started;
      while ((started = System.nanoTime()) < end) {
        LoadKind kind = plan.mix().pick(random.nextInt(100));
        try {
          run(kind);
          if (started >= measureFrom) {
            tally.latencies.get(kind).add(System.nanoTime() - started);
          }
        } catch (SQLException e) {
          tally.error(e);
          if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            reopen();
          }
        }
      }
    } finally {
      connection.close();
    }
    return tally;
  }

  void open() throws SQLException {
    connection = plan.connector().open();
    pointRead = connection.prepareStatement("SELECT account, body, version FROM docs WHERE id = ?");
    rangeRead = connection.prepareStatement("SELECT id, version FROM docs WHERE account BETWEEN ? AND ?");
    accountRead = connection.prepareStatement("SELECT id, version FROM docs WHERE account = ?");
    insert = connection.prepareStatement("INSERT INTO docs (id, account, body, version) VALUES (?, ?, ?, 0)");
    bump = connection.prepareStatement("UPDATE docs SET version = version + 1, account = ? WHERE id = ?");
    version = connection.prepareStatement("SELECT version FROM docs WHERE id = ?");
  }

  /** After a broken connection (08xxx): a new one; if that fails too, the error ends this client. */
  private void reopen() throws SQLException {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // it was broken already
    }
    open();
  }

  private void run(LoadKind kind) throws SQLException {
    switch (kind) {
      case READ -> pointRead();
      case RANGE -> rangeRead();
      case INSERT -> insert();
      case UPDATE -> update();
    }
  }

  private long preloadedId() {
    return 1 + random.nextLong(plan.rows());
  }

  private void pointRead() throws SQLException {
    long id = preloadedId();
    pointRead.setLong(1, id);
    try (ResultSet rs = pointRead.executeQuery()) {
      if (!rs.next() || rs.getString(2).length() < Dataset.MIN_PAYLOAD) {
        tally.error(WRONG, "point read of id " + id + " found no row or a short body");
        return;
      }
      rs.getInt(1);
      rs.getInt(3);
    }
  }

  /**
   * Through the account index: half one account's documents, half a range of two accounts (about 20
   * and 40 rows). Not a range of ids: the primary key is hashed, so that would scan the table.
   */
  private void rangeRead() throws SQLException {
    int account = random.nextInt(Dataset.CATEGORIES - 1);
    if (random.nextBoolean()) {
      accountRead.setInt(1, account);
      consume(accountRead);
    } else {
      rangeRead.setInt(1, account);
      rangeRead.setInt(2, account + 1);
      consume(rangeRead);
    }
  }

  private static int consume(PreparedStatement ps) throws SQLException {
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
        rs.getInt(2);
        n++;
      }
    }
    return n;
  }

  private void insert() throws SQLException {
    long id = plan.nextId().getAndIncrement();
    String body = plan.data().textPayload(id, 0);
    insert.setLong(1, id);
    insert.setInt(2, plan.data().category(id));
    insert.setString(3, body);
    if (insert.executeUpdate() != 1) {
      tally.error(WRONG, "insert of id " + id + " changed no row");
      return;
    }
    tally.ledger.inserted(id, Ledger.checksum(body));
  }

  /** Two statements and a commit: bump the version, read it back; acknowledged when commit returns. */
  private void update() throws SQLException {
    long id = preloadedId();
    int account = random.nextInt(Dataset.CATEGORIES);
    connection.setAutoCommit(false);
    try {
      attempts(id, account);
    } catch (SQLException e) {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    connection.setAutoCommit(true);
  }

  private void attempts(long id, int account) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        bump.setInt(1, account);
        bump.setLong(2, id);
        int changed = bump.executeUpdate();
        version.setLong(1, id);
        int v;
        try (ResultSet rs = version.executeQuery()) {
          v = rs.next() ? rs.getInt(1) : -1;
        }
        if (changed != 1 || v < 1) {
          connection.rollback();
          tally.error(WRONG, "update of id " + id + " changed " + changed + " rows, read version " + v);
          return;
        }
        connection.commit();
        tally.ledger.updated(id, v);
        return;
      } catch (SQLException e) {
        rollbackQuietly();
        if (!RETRIED.contains(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        tally.retries++;
      }
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the failure being handled is the one to report
    }
  }
}
