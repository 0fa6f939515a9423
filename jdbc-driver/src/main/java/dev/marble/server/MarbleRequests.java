package dev.marble.server;

import dev.marble.jdbc.ValueResults;
import dev.marble.jdbc.remote.RemoteProtocol;
import dev.marble.jdbc.remote.SessionState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.MarbleJdbcAccess;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * The server's half of {@link RemoteProtocol}: statement texts that carry a request instead of (or
 * around) SQL. Each runs on the calling connection and its own statements only.
 */
final class MarbleRequests {
  private final MarbleMeta meta;

  MarbleRequests(MarbleMeta meta) {
    this.meta = meta;
  }

  Meta.ExecuteResult execute(Meta.StatementHandle h, String text, long maxRowCount, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    StatementInfo info = meta.statementInfo(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    try {
      Meta.MetaResultSet result;
      if (KeyRequest.isMarked(text)) {
        result = executeForKeys(h, info, text, maxRowCount, maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.QUERY)) {
        Statement statement = limited(info, maxRowCount);
        result = answer(h, info, statement.executeQuery(text.substring(RemoteProtocol.QUERY.length())),
            maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.UPDATE)) {
        result = update(h, info, text.substring(RemoteProtocol.UPDATE.length()), maxRowCount);
      } else if (text.startsWith(RemoteProtocol.SESSION)) {
        Connection c = meta.connection(h.connectionId);
        SessionState.apply(c, text.substring(RemoteProtocol.SESSION.length()));
        result = answer(h, info, ValueResults.of("VALUE", SessionState.describe(c)), maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.TIMEOUT)) {
        result = answer(h, info, timeout(h, text.substring(RemoteProtocol.TIMEOUT.length())), maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.BATCH_COUNTS)) {
        result = answer(h, info, batchCounts(h, text.substring(RemoteProtocol.BATCH_COUNTS.length())),
            maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.GENERATED_KEYS)) {
        result = answer(h, info, generatedKeys(h, text), maxRowsInFirstFrame);
      } else if (text.startsWith(RemoteProtocol.METADATA)) {
        result = answer(h, info, metadata(h, text), maxRowsInFirstFrame);
      } else {
        throw new SQLException("Unknown Marble request: " + text.substring(0, Math.min(40, text.length())), "08P01");
      }
      return new Meta.ExecuteResult(List.of(result));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /** The statement of {@code info} with the row limit of the request, as JdbcMeta sets it. */
  private static Statement limited(StatementInfo info, long maxRowCount) throws SQLException {
    Statement statement = MarbleJdbcAccess.statement(info);
    if (maxRowCount > 0) {
      statement.setLargeMaxRows(maxRowCount);
    } else if (maxRowCount < 0) {
      statement.setMaxRows(0);
    }
    return statement;
  }

  private Meta.MetaResultSet update(Meta.StatementHandle h, StatementInfo info, String sql, long maxRowCount)
      throws SQLException {
    Statement statement = limited(info, maxRowCount);
    long count = KeyRequest.isMarked(sql) ? KeyRequest.parse(sql).executeUpdate(statement)
        : statement.executeLargeUpdate(sql);
    info.setResultSet(null);
    return MarbleMeta.count(h.connectionId, h.id, count);
  }

  private ResultSet timeout(Meta.StatementHandle h, String request) throws SQLException {
    String[] idAndSeconds = request.split(",");
    if (idAndSeconds.length != 2) {
      throw new SQLException("Malformed timeout request", "08P01");
    }
    int seconds = number(idAndSeconds[1]);
    meta.setQueryTimeout(ownStatement(h, number(idAndSeconds[0])), seconds);
    return ValueResults.of("VALUE", Integer.toString(seconds));
  }

  private ResultSet batchCounts(Meta.StatementHandle h, String request) throws SQLException {
    int id = number(request);
    ownStatement(h, id);
    long[] counts = meta.takeFailedBatchCounts(id);
    StringBuilder text = new StringBuilder();
    for (int i = 0; counts != null && i < counts.length; i++) {
      text.append(i > 0 ? "," : "").append(counts[i]);
    }
    return ValueResults.of("VALUE", counts == null ? null : text.toString());
  }

  private static int number(String text) throws SQLException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new SQLException("Malformed number in a Marble request: " + text, "08P01", e);
    }
  }

  /** Statement {@code id}, which must belong to the connection of {@code h}. */
  private Statement ownStatement(Meta.StatementHandle h, int id) throws SQLException {
    StatementInfo source = meta.statementInfo(id);
    Connection own = meta.connection(h.connectionId).unwrap(Connection.class);
    if (source == null || MarbleJdbcAccess.statement(source).getConnection() != own) {
      throw new SQLException("No statement " + id + " on this connection", "HY010");
    }
    return MarbleJdbcAccess.statement(source);
  }

  private Meta.MetaResultSet executeForKeys(Meta.StatementHandle h, StatementInfo info, String text,
      long maxRowCount, int maxRowsInFirstFrame) throws SQLException {
    Statement statement = limited(info, maxRowCount);
    boolean hasResults = KeyRequest.parse(text).execute(statement);
    if (hasResults) {
      return answer(h, info, statement.getResultSet(), maxRowsInFirstFrame);
    }
    info.setResultSet(null);
    return MarbleMeta.count(h.connectionId, h.id, statement.getLargeUpdateCount());
  }

  /** The generated keys of another statement of the same connection. */
  private ResultSet generatedKeys(Meta.StatementHandle h, String text) throws SQLException {
    return ownStatement(h, number(text.substring(RemoteProtocol.GENERATED_KEYS.length()))).getGeneratedKeys();
  }

  private ResultSet metadata(Meta.StatementHandle h, String text) throws SQLException {
    RemoteProtocol.MetadataCall call = RemoteProtocol.parseMetadataCall(text);
    Object value = call.invoke(meta.connection(h.connectionId).getMetaData());
    if (value instanceof ResultSet rs) {
      return rs;
    }
    return ValueResults.of("VALUE", value == null ? null : String.valueOf(value));
  }

  private static Meta.MetaResultSet answer(Meta.StatementHandle h, StatementInfo info, ResultSet rs,
      int maxRowsInFirstFrame) throws SQLException {
    info.setResultSet(rs);
    return MarbleMeta.resultSet(h.connectionId, h.id, rs, maxRowsInFirstFrame);
  }
}
