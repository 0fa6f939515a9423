package dev.marble.server;

import dev.marble.jdbc.ValueResults;
import dev.marble.jdbc.remote.RemoteProtocol;
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
 * The server's half of {@link RemoteProtocol}: statement texts that carry a generated-keys request
 * or a DatabaseMetaData call instead of SQL. Each runs on the calling connection only.
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

  private Meta.MetaResultSet executeForKeys(Meta.StatementHandle h, StatementInfo info, String text,
      long maxRowCount, int maxRowsInFirstFrame) throws SQLException {
    Statement statement = MarbleJdbcAccess.statement(info);
    if (maxRowCount > 0) {
      statement.setLargeMaxRows(maxRowCount);
    }
    boolean hasResults = KeyRequest.parse(text).execute(statement);
    if (hasResults) {
      return answer(h, info, statement.getResultSet(), maxRowsInFirstFrame);
    }
    info.setResultSet(null);
    return MarbleMeta.count(h.connectionId, h.id, statement.getLargeUpdateCount());
  }

  /** The generated keys of another statement of the same connection. */
  private ResultSet generatedKeys(Meta.StatementHandle h, String text) throws SQLException {
    int id;
    try {
      id = Integer.parseInt(text.substring(RemoteProtocol.GENERATED_KEYS.length()).trim());
    } catch (NumberFormatException e) {
      throw new SQLException("Malformed generated-keys request", "08P01", e);
    }
    StatementInfo source = meta.statementInfo(id);
    Connection own = meta.connection(h.connectionId).unwrap(Connection.class);
    if (source == null || MarbleJdbcAccess.statement(source).getConnection() != own) {
      throw new SQLException("No statement " + id + " on this connection", "HY010");
    }
    return MarbleJdbcAccess.statement(source).getGeneratedKeys();
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
