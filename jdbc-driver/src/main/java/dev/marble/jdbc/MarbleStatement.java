package dev.marble.jdbc;

import dev.marble.sql.Bound;
import dev.marble.sql.Execution;
import dev.marble.sql.Prepared;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A plain statement. Each execution produces either one result set or one update count (Marble
 * has no multi-result statements), following JDBC's execute / getResultSet / getUpdateCount /
 * getMoreResults protocol.
 */
class MarbleStatement implements Statement {
  final MarbleConnection connection;
  private final List<String> batch = new ArrayList<>();
  private final AtomicBoolean cancel = new AtomicBoolean();
  /** The pending query timeout of the current execution, or null. */
  private java.util.concurrent.ScheduledFuture<?> timeout;
  private MarbleResultSet resultSet;
  private long updateCount = -1;
  private GeneratedKeys lastKeys;
  private boolean closed;
  private boolean closeOnCompletion;
  private long maxRows;
  private int queryTimeout;
  private int fetchSize;
  private boolean poolable;

  MarbleStatement(MarbleConnection connection) {
    this.connection = connection;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("Statement is closed", "HY010");
    }
    connection.checkOpen();
  }

  /**
   * Runs a prepared statement with engine-ready parameter values, making its result current.
   *
   * @param keys which generated keys to keep, or null for none
   */
  boolean run(Prepared prepared, Object[] params, GeneratedKeys.Request keys) throws SQLException {
    checkOpen();
    closeResult();
    lastKeys = null;
    if (connection.readOnlyMode() && (prepared.kind() == Prepared.Kind.DML || prepared.kind() == Prepared.Kind.DDL)) {
      throw new SQLException("The connection is read-only: " + prepared.kind() + " statements are not allowed",
          "25006");
    }
    if (params.length < prepared.parameters().size()) {
      throw new SQLException("The statement has " + prepared.parameters().size() + " parameter(s) (?): "
          + "run it through a PreparedStatement and set them", "07001");
    }
    cancel.set(false);
    if (queryTimeout > 0) {
      timeout = QueryTimeouts.arm(cancel, queryTimeout);
    }
    Execution e;
    try {
      e = prepared.execute(connection.session(), params, keys != null, cancel);
    } catch (RuntimeException ex) {
      disarm();
      throw SqlExceptions.of(ex);
    }
    if (e.isQuery()) {
      resultSet = new MarbleResultSet(this, ResultColumns.of(prepared.fields()), limit(e.rows()));
      resultSet.setOnClose(this::resultClosed);
      updateCount = -1;
      try {
        resultSet.isBeforeFirst(); // reads the first row now: errors surface at execute, not at next()
      } catch (SQLException ex) {
        closeResult();
        throw ex;
      }
      return true;
    }
    disarm();
    updateCount = e.updateCount();
    if (keys != null && e.generatedKeys() != null && prepared.target() != null) {
      lastKeys = new GeneratedKeys(prepared.target(), keys, e.generatedKeys());
    }
    return false;
  }

  Prepared prepare(String sql) throws SQLException {
    checkText(sql);
    try {
      return connection.session().engine().prepare(sql, connection.session());
    } catch (RuntimeException e) {
      throw SqlExceptions.of(e);
    }
  }

  /** A plain statement's text, its literals lifted into parameters where the engine can, to share plans. */
  private Bound prepareOneOff(String sql) throws SQLException {
    checkText(sql);
    try {
      return connection.session().engine().prepareOneOff(sql, connection.session());
    } catch (RuntimeException e) {
      throw SqlExceptions.of(e);
    }
  }

  private void checkText(String sql) throws SQLException {
    checkOpen();
    if (sql == null || sql.isBlank()) {
      throw new SQLException("The SQL statement is empty", "42000");
    }
  }

  private Enumerator<Object[]> limit(Enumerator<Object[]> rows) {
    if (maxRows <= 0) {
      return rows;
    }
    return new Enumerator<>() {
      private long seen;

      @Override
      public Object[] current() {
        return rows.current();
      }

      @Override
      public boolean moveNext() {
        return seen++ < maxRows && rows.moveNext();
      }

      @Override
      public void reset() {
        rows.reset();
        seen = 0;
      }

      @Override
      public void close() {
        rows.close();
      }
    };
  }

  /** The timeout covers an execution and, for a query, reading its result until it closes. */
  private void disarm() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void resultClosed() {
    disarm();
    resultSet = null;
    if (closeOnCompletion) {
      try {
        close();
      } catch (SQLException e) {
        throw new IllegalStateException(e); // close of a statement does not fail
      }
    }
  }

  private void closeResult() throws SQLException {
    if (resultSet != null) {
      MarbleResultSet rs = resultSet;
      resultSet = null;
      boolean keep = closeOnCompletion;
      closeOnCompletion = false; // replacing a result is not "completion"
      rs.close();
      closeOnCompletion = keep;
    }
  }

  // ---- execute ------------------------------------------------------------------------------

  @Override
  public boolean execute(String sql) throws SQLException {
    return execute(prepareOneOff(sql), null);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return execute(prepareOneOff(sql),
        autoGeneratedKeys == RETURN_GENERATED_KEYS ? GeneratedKeys.Request.DEFAULT : null);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return execute(prepareOneOff(sql), GeneratedKeys.byIndex(columnIndexes));
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return execute(prepareOneOff(sql), GeneratedKeys.byName(columnNames));
  }

  private boolean execute(Bound b, GeneratedKeys.Request keys) throws SQLException {
    return run(b.prepared(), b.parameters(), keys);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    Bound b = prepareOneOff(sql);
    requireQuery(b.prepared(), true);
    execute(b, null);
    return resultSet;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return (int) executeLargeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return (int) executeLargeUpdate(sql, autoGeneratedKeys);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return (int) executeLargeUpdate(sql, columnIndexes);
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return (int) executeLargeUpdate(sql, columnNames);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return update(prepareOneOff(sql), null);
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return update(prepareOneOff(sql), autoGeneratedKeys == RETURN_GENERATED_KEYS ? GeneratedKeys.Request.DEFAULT : null);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return update(prepareOneOff(sql), GeneratedKeys.byIndex(columnIndexes));
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return update(prepareOneOff(sql), GeneratedKeys.byName(columnNames));
  }

  private long update(Bound b, GeneratedKeys.Request keys) throws SQLException {
    requireQuery(b.prepared(), false);
    execute(b, keys);
    return updateCount;
  }

  static void requireQuery(Prepared p, boolean query) throws SQLException {
    boolean isQuery = !p.fields().isEmpty();
    if (isQuery != query) {
      throw new SQLException(query ? "executeQuery needs a query, not a " + p.kind() + " statement"
          : "executeUpdate cannot run a query; use executeQuery or execute", "42000");
    }
  }

  // ---- results ------------------------------------------------------------------------------

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    return resultSet;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return (int) getLargeUpdateCount();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return updateCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    closeResult();
    updateCount = -1;
    return false;
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    return lastKeys == null ? GeneratedKeys.empty(this) : lastKeys.resultSet(this);
  }

  // ---- batches ------------------------------------------------------------------------------

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    batch.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long[] counts = executeLargeBatch();
    int[] result = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      result[i] = (int) counts[i];
    }
    return result;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<String> work = new ArrayList<>(batch);
    batch.clear();
    long[] counts = new long[work.size()];
    for (int i = 0; i < work.size(); i++) {
      try {
        counts[i] = update(prepareOneOff(work.get(i)), null);
      } catch (SQLException e) {
        throw batchFailure(e, java.util.Arrays.copyOf(counts, i));
      }
    }
    return counts;
  }

  static BatchUpdateException batchFailure(SQLException e, long[] done) {
    return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
  }

  // ---- settings and lifecycle ---------------------------------------------------------------

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closeOnCompletion = false;
    closeResult();
    closed = true;
    connection.forget(this);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  @Override
  public void cancel() throws SQLException {
    checkOpen();
    cancel.set(true);
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return 0;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    if (max < 0) {
      throw new SQLException("Max field size must not be negative", "HY024");
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    return (int) getLargeMaxRows();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    if (max < 0) {
      throw new SQLException("Max rows must not be negative", "HY024");
    }
    maxRows = max;
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen(); // Marble's parser has no JDBC escape syntax to turn off
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeout;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    if (seconds < 0) {
      throw new SQLException("Query timeout must not be negative", "HY024");
    }
    queryTimeout = seconds;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    throw new SQLFeatureNotSupportedException("Marble has no named cursors", "0A000");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw new SQLException("Marble result sets only fetch forward", "HY106");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw new SQLException("Fetch size must not be negative", "HY024");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    this.poolable = poolable;
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return poolable;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
