package dev.marble.jdbc.remote;

import java.lang.reflect.Method;
import java.sql.BatchUpdateException;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * Statement and PreparedStatement of a remote connection. Besides generated keys and wrapped
 * results, it sends what Avatica drops: the query timeout ({@link RemoteProtocol#TIMEOUT}), which
 * of executeQuery and executeUpdate was called ({@link RemoteProtocol#QUERY}), and it asks for the
 * counts of a failed batch ({@link RemoteProtocol#BATCH_COUNTS}). Parameters are converted as the
 * embedded driver converts them ({@link RemoteParameters}).
 */
final class RemoteStatementHandler extends RemoteJdbc.Handler {
  private final RemoteConnectionHandler connection;
  private final RemoteParameters parameters;

  RemoteStatementHandler(Statement target, RemoteConnectionHandler connection) {
    super(target);
    this.connection = connection;
    this.parameters = target instanceof PreparedStatement p ? new RemoteParameters(p) : null;
  }

  @Override
  Object handle(Method method, Object[] args) throws Throwable {
    if (!method.getName().startsWith("execute")) {
      return dispatch(method, args);
    }
    // SQL may change the connection's properties (SET SCHEMA, COMMIT): forget them before and after.
    connection.sessionMayHaveChanged();
    try {
      return dispatch(method, args);
    } finally {
      connection.sessionMayHaveChanged();
    }
  }

  private Object dispatch(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (parameters != null && name.startsWith("set") && method.getDeclaringClass() == PreparedStatement.class) {
      parameters.set(method, args); // a parameter setter: Statement's own setters are declared in Statement
      return null;
    }
    Class<?>[] types = method.getParameterTypes();
    if (types.length >= 1 && types[0] == String.class && (name.startsWith("execute") || name.equals("addBatch"))) {
      if (parameters != null) {
        throw new SQLException("This method takes no SQL on a PreparedStatement; use the no-argument form", "HY000");
      }
      if (name.startsWith("execute")) {
        return executeSql(name, (String) args[0], args.length == 2 ? args[1] : null);
      }
    }
    switch (name) {
      case "getConnection":
        return connection.self;
      case "getGeneratedKeys":
        return connection.serverQuery(RemoteProtocol.GENERATED_KEYS + id(), (Statement) self);
      case "setQueryTimeout":
        pass(method, args);
        connection.request(RemoteProtocol.TIMEOUT + id() + "," + args[0]);
        return null;
      case "executeQuery":
        parameters.checkKind(true);
        return results((ResultSet) pass(method, args));
      case "executeUpdate":
      case "executeLargeUpdate":
        parameters.checkKind(false);
        return pass(method, args);
      case "getResultSet":
        return results((ResultSet) pass(method, args));
      case "executeBatch":
      case "executeLargeBatch":
        return batch(method, args);
      case "getMetaData":
        ResultSetMetaData md = (ResultSetMetaData) pass(method, args);
        return md == null ? null : RemoteTypes.columns(md);
      case "getParameterMetaData":
        return RemoteTypes.parameters((ParameterMetaData) pass(method, args));
      default:
        return pass(method, args);
    }
  }

  private int id() throws SQLException {
    return ((Statement) target).unwrap(AvaticaStatement.class).getId();
  }

  /** Statement.execute*(sql[, keys]): the SQL carries what the embedded call would have been. */
  private Object executeSql(String name, String sql, Object keys) throws Throwable {
    Statement s = (Statement) target;
    String marked = keys == null ? sql : KeyRequests.mark(sql, keys);
    switch (name) {
      case "executeQuery":
        return results(s.executeQuery(RemoteProtocol.QUERY + sql));
      case "executeUpdate":
        return s.executeUpdate(RemoteProtocol.UPDATE + marked);
      case "executeLargeUpdate":
        return s.executeLargeUpdate(RemoteProtocol.UPDATE + marked);
      default:
        return s.execute(marked);
    }
  }

  private ResultSet results(ResultSet rs) {
    return rs == null ? null : RemoteJdbc.proxy(ResultSet.class, new RemoteResultSetHandler(rs, (Statement) self));
  }

  /** A failed batch reports the counts of the statements done before the failure, as embedded. */
  private Object batch(Method method, Object[] args) throws Throwable {
    try {
      return pass(method, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      SQLException s = RemoteErrors.translate(e.getCause());
      long[] counts = failedBatchCounts();
      throw new BatchUpdateException(s.getMessage(), s.getSQLState(), s.getErrorCode(), counts, s);
    }
  }

  private long[] failedBatchCounts() {
    try {
      String text = connection.request(RemoteProtocol.BATCH_COUNTS + id());
      if (text == null || text.isEmpty()) {
        return new long[0];
      }
      String[] parts = text.split(",");
      long[] counts = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        counts[i] = Long.parseLong(parts[i]);
      }
      return counts;
    } catch (SQLException | RuntimeException e) {
      return new long[0]; // the server is gone: the counts are unknown
    }
  }
}
