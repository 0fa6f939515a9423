package dev.marble.server;

import dev.marble.jdbc.remote.RemoteProtocol;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.MarbleJdbcAccess;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's {@link JdbcMeta} over Marble's embedded driver, with what a shared server needs on top:
 * one database per connection, chosen by the client; the server's limits ({@link ServerLimits});
 * and the requests of {@link RemoteProtocol} that Avatica's protocol lacks.
 *
 * <p>Invariant: every connection in the cache is an embedded connection that authenticated with
 * the client's own user and password; the connection id (a random UUID the client chose) is the
 * only handle to it.
 */
final class MarbleMeta extends JdbcMeta {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MarbleMeta.class);
  /** Connection properties a client may set; anything else it sends is dropped. */
  private static final Set<String> CLIENT_SETTINGS = Set.of("user", "password", "lock_timeout");

  private final ServedDatabases databases;
  private final ServerLimits limits;
  private final ServerMetrics metrics;
  private final Semaphore logins;
  private final Map<String, String> databaseOf = new ConcurrentHashMap<>();
  private final Map<Integer, long[]> failedBatchCounts = new ConcurrentHashMap<>();
  private final Map<String, Activity> activity = new ConcurrentHashMap<>();

  /**
   * When a connection was last used and how many calls it has running. Idle expiry goes by this,
   * not by the cache's access time, which a statement running longer than the idle timeout would
   * not refresh: its connection would be closed under it.
   */
  private static final class Activity {
    final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    volatile long lastNanos = System.nanoTime();
  }

  MarbleMeta(ServedDatabases databases, ServerLimits limits, ServerMetrics metrics) throws SQLException {
    super("jdbc:marble:", cacheSettings(limits));
    this.databases = databases;
    this.limits = limits;
    this.metrics = metrics;
    this.logins = new Semaphore(limits.maxConcurrentLogins(), true);
  }

  private static Properties cacheSettings(ServerLimits limits) {
    Properties p = new Properties();
    // Connections expire by expireIdle(), which knows about running calls; the cache's own expiry
    // only backs it up.
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), "3650");
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.DAYS.name());
    p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), Integer.toString(limits.maxConnections() + 1));
    // Statements leave the cache when closed, or with their connection (expireIdle): never by time,
    // which would close a statement that is still running.
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), "3650");
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.DAYS.name());
    p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), Integer.toString(Integer.MAX_VALUE));
    return p;
  }

  /** The database a connection id belongs to, or null. */
  String databaseOf(String connectionId) {
    return connectionId == null ? null : databaseOf.get(connectionId);
  }

  int openConnections() {
    return (int) getConnectionCache().size();
  }

  private static boolean isClosed(StatementInfo info) {
    try {
      return MarbleJdbcAccess.statement(info).isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** A client call on connection {@code id} starts ({@code +1}) or ends ({@code -1}). */
  void touch(String id, int delta) {
    if (id == null) {
      return;
    }
    // Atomic with the clean-up in expireIdle: an entry it dropped while a call was running (a slow
    // login, before its connection is in the cache) would come back at -1 and never expire.
    activity.compute(id, (k, a) -> {
      Activity current = a == null ? new Activity() : a;
      current.running.addAndGet(delta);
      current.lastNanos = System.nanoTime();
      return current;
    });
  }

  /**
   * Closes the connections no call has used for the idle timeout and none is running on, rolling
   * back their transactions and freeing their locks.
   */
  void expireIdle() {
    long now = System.nanoTime();
    long idle = limits.idleTimeout().toNanos();
    for (String id : getConnectionCache().asMap().keySet()) {
      Activity a = activity.computeIfAbsent(id, k -> new Activity());
      if (a.running.get() == 0 && now - a.lastNanos > idle) {
        LOG.info("Closing connection {} to {}: idle for more than {}", id, databaseOf.get(id), limits.idleTimeout());
        closeConnection(new ConnectionHandle(id));
      }
    }
    getStatementCache().asMap().values().removeIf(MarbleMeta::isClosed);
    failedBatchCounts.keySet().retainAll(getStatementCache().asMap().keySet());
    for (String id : activity.keySet()) {
      if (!getConnectionCache().asMap().containsKey(id)) {
        activity.computeIfPresent(id, (k, a) -> a.running.get() == 0 ? null : a);
      }
    }
    databaseOf.keySet().retainAll(getConnectionCache().asMap().keySet());
  }

  /** Closes every client connection (their transactions roll back), as the server stops. */
  void closeAll() {
    getConnectionCache().invalidateAll();
    getConnectionCache().cleanUp();
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    synchronized (this) {
      if (getConnectionCache().size() >= limits.maxConnections()) {
        metrics.connectionRejected("max_connections");
        throw new RuntimeException(new SQLException("The Marble server already has " + limits.maxConnections()
            + " connections open (its --max-connections); try again later", "08004"));
      }
      super.openConnection(ch, info);
      databaseOf.put(ch.id, info.get(RemoteProtocol.DATABASE));
    }
  }

  /** Called by JdbcMeta.openConnection with the client's properties; the URL is ignored. */
  @Override
  protected Connection createConnection(String ignored, Properties info) throws SQLException {
    String database = info.getProperty(RemoteProtocol.DATABASE);
    Properties settings = new Properties();
    for (String key : CLIENT_SETTINGS) {
      if (info.getProperty(key) != null) {
        settings.setProperty(key, info.getProperty(key));
      }
    }
    if (info.getProperty("marble_schema") != null) {
      settings.setProperty("schema", info.getProperty("marble_schema"));
    }
    try {
      if (!logins.tryAcquire(10, TimeUnit.SECONDS)) {
        metrics.connectionRejected("login_queue");
        throw new SQLException("The Marble server is busy checking other logins; try again", "08004");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting to log in", "08004", e);
    }
    Connection c;
    try {
      c = databases.connect(database, settings);
    } catch (SQLException e) {
      if ("28000".equals(e.getSQLState())) {
        metrics.loginFailed();
        // The embedded message names the database's path, which is none of a remote client's business.
        throw new SQLException("invalid user name or password for database " + database, "28000");
      }
      throw e;
    } finally {
      logins.release();
    }
    return TrackedConnection.wrap(c, database, metrics);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    super.closeConnection(ch);
    databaseOf.remove(ch.id);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    StatementHandle h = super.createStatement(ch);
    applyTimeout(h);
    return h;
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    if (!KeyRequest.isMarked(sql)) {
      StatementHandle h = super.prepare(ch, sql, maxRowCount);
      h.signature = WireTypes.of(h.signature);
      applyTimeout(h);
      return h;
    }
    try {
      Connection conn = getConnection(ch.id);
      PreparedStatement statement = KeyRequest.parse(sql).prepare(conn);
      if (maxRowCount > 0) {
        statement.setLargeMaxRows(maxRowCount);
      }
      int id = getStatementIdGenerator().getAndIncrement();
      getStatementCache().put(id, new StatementInfo(statement));
      StatementHandle h = new StatementHandle(ch.id, id,
          WireTypes.of(signature(statement.getMetaData(), statement.getParameterMetaData(), sql, null)));
      applyTimeout(h);
      return h;
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  private void applyTimeout(StatementHandle h) {
    try {
      setQueryTimeout(MarbleJdbcAccess.statement(getStatementCache().getIfPresent(h.id)), 0);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /**
   * Gives a statement the client's query timeout ({@code 0}: none), never one longer than the
   * server's --statement-timeout.
   */
  void setQueryTimeout(java.sql.Statement statement, int clientSeconds) throws SQLException {
    long server = limits.statementTimeout().toSeconds() + (limits.statementTimeout().toNanosPart() > 0 ? 1 : 0);
    long seconds = server == 0 ? clientSeconds : clientSeconds == 0 ? server : Math.min(server, clientSeconds);
    statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    ExecuteResult result;
    if (sql.startsWith("/*marble:")) {
      result = new MarbleRequests(this).execute(h, sql, maxRowCount, maxRowsInFirstFrame);
    } else {
      result = super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
    }
    checkSize(h, result.resultSets, 0);
    return WireTypes.of(result);
  }

  /**
   * Binds the parameters here rather than in JdbcMeta, which refuses any unset one ("unbound
   * parameter"): Marble reports a missing value itself (07001, naming the parameter), and EXPLAIN
   * PLAN FOR runs without values.
   */
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    if (parameterValues != null) {
      StatementInfo info = statementInfo(h.id);
      if (info == null) {
        throw new NoSuchStatementException(h);
      }
      try {
        PreparedStatement statement = (PreparedStatement) MarbleJdbcAccess.statement(info);
        statement.clearParameters();
        for (int i = 0; i < parameterValues.size(); i++) {
          TypedValue value = parameterValues.get(i);
          if (value != null) {
            statement.setObject(i + 1, value.toJdbc(MarbleJdbcAccess.calendar(this)));
          }
        }
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    }
    ExecuteResult result = super.execute(h, null, maxRowsInFirstFrame);
    checkSize(h, result.resultSets, 0);
    return WireTypes.of(result);
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return batch(h, () -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> updateBatches)
      throws NoSuchStatementException {
    return batch(h, () -> super.executeBatch(h, updateBatches));
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    return batch(h, () -> super.executeBatchProtobuf(h, updateBatches));
  }

  private interface BatchCall {
    ExecuteBatchResult run() throws NoSuchStatementException;
  }

  /**
   * Runs a batch, keeping the counts of a failed one for the client ({@link RemoteProtocol#BATCH_COUNTS}):
   * Avatica's error response has no place for them.
   */
  private ExecuteBatchResult batch(StatementHandle h, BatchCall call) throws NoSuchStatementException {
    failedBatchCounts.remove(h.id);
    try {
      return call.run();
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof BatchUpdateException b) {
          failedBatchCounts.put(h.id, b.getLargeUpdateCounts());
          break;
        }
      }
      throw e;
    }
  }

  /** The update counts of the statement's last batch if it failed, else null; asked once. */
  long[] takeFailedBatchCounts(int statementId) {
    return failedBatchCounts.remove(statementId);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    failedBatchCounts.remove(h.id);
    super.closeStatement(h);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    Frame frame = super.fetch(h, offset, fetchMaxRowCount);
    checkSize(h, rows(frame), offset);
    return WireTypes.of(frame);
  }

  private static long rows(Frame frame) {
    if (frame == null || frame.rows == null) {
      return 0;
    }
    if (frame.rows instanceof Collection<?> c) {
      return c.size();
    }
    long n = 0;
    for (Object ignored : frame.rows) {
      n++;
    }
    return n;
  }

  private void checkSize(StatementHandle h, List<MetaResultSet> results, long offset) {
    for (MetaResultSet r : results) {
      checkSize(h, rows(r.firstFrame), offset);
    }
  }

  /** Fails a result that passes the server's row limit, rather than cutting it short unseen. */
  private void checkSize(StatementHandle h, long rows, long offset) {
    long max = limits.maxResultRows();
    if (max == 0 || offset + rows <= max) {
      return;
    }
    closeStatement(h);
    throw new RuntimeException(new SQLException("The result has more than " + max
        + " rows, the Marble server's --max-result-rows; narrow the query or page through it", "54000"));
  }

  // Package-private views of JdbcMeta's protected parts, for MarbleRequests.
  Connection connection(String id) throws SQLException {
    return getConnection(id);
  }

  StatementInfo statementInfo(int id) {
    return getStatementCache().getIfPresent(id);
  }

  static MetaResultSet resultSet(String connectionId, int statementId, ResultSet rs, int maxRowsInFirstFrame)
      throws SQLException {
    return MarbleJdbcAccess.resultSet(connectionId, statementId, rs, maxRowsInFirstFrame);
  }

  static MetaResultSet count(String connectionId, int statementId, long count) {
    return MarbleJdbcAccess.count(connectionId, statementId, count);
  }
}
