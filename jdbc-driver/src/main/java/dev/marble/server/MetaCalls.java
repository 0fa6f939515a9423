package dev.marble.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import dev.marble.jdbc.remote.RemoteProtocol;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call Avatica makes on {@link MarbleMeta} goes through here, to time it and to send errors
 * as the client must see them: JdbcMeta wraps SQLExceptions in RuntimeExceptions, which Avatica
 * would report with SQLState 00000 and a stack trace for a message. Here the SQLException inside
 * becomes an error response with its own message and state.
 */
final class MetaCalls implements InvocationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MetaCalls.class);
  /** The calls that run SQL; null: a query or an update, told by its result. */
  private static final Map<String, Optional<ServerMetrics.StatementKind>> KINDS = Map.of(
      "prepareAndExecute", Optional.empty(), "execute", Optional.empty(),
      "prepareAndExecuteBatch", Optional.of(ServerMetrics.StatementKind.BATCH),
      "executeBatch", Optional.of(ServerMetrics.StatementKind.BATCH),
      "executeBatchProtobuf", Optional.of(ServerMetrics.StatementKind.BATCH),
      "commit", Optional.of(ServerMetrics.StatementKind.COMMIT),
      "rollback", Optional.of(ServerMetrics.StatementKind.ROLLBACK));

  private final MarbleMeta meta;
  private final ServerMetrics metrics;

  private MetaCalls(MarbleMeta meta, ServerMetrics metrics) {
    this.meta = meta;
    this.metrics = metrics;
  }

  static ProtobufMeta wrap(MarbleMeta meta, ServerMetrics metrics) {
    return (ProtobufMeta) Proxy.newProxyInstance(MetaCalls.class.getClassLoader(),
        new Class<?>[] {ProtobufMeta.class}, new MetaCalls(meta, metrics));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Optional<ServerMetrics.StatementKind> timed = KINDS.get(method.getName());
    long start = System.nanoTime();
    String state = null;
    ServerMetrics.StatementKind kind = null;
    String connectionId = connectionId(args);
    meta.touch(connectionId, 1);
    try {
      Object result = method.invoke(meta, args);
      if (timed != null) {
        kind = timed.orElseGet(() -> kindOf(args, result));
      }
      return result;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NoSuchStatementException || cause instanceof MissingResultsException
          || cause instanceof NoSuchConnectionException || cause instanceof AvaticaRuntimeException) {
        // Avatica's own signals: the client reacts to them (re-prepares, reports a lost connection).
        state = "08003";
        throw cause;
      }
      SQLException sql = sqlException(cause);
      if (sql != null) {
        state = sql.getSQLState() == null ? "XX000" : sql.getSQLState();
        throw new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(), state, AvaticaSeverity.ERROR);
      }
      state = "XX000";
      LOG.warn("Internal error in {}", method.getName(), cause);
      throw new AvaticaRuntimeException("Internal error in the Marble server: " + cause, -1, state,
          AvaticaSeverity.FATAL);
    } finally {
      meta.touch(connectionId, -1);
      String database = meta.databaseOf(connectionId);
      if (timed != null && database != null) {
        long nanos = System.nanoTime() - start;
        if (state == null) {
          metrics.statement(database, kind, nanos);
        } else {
          metrics.statementFailed(database, timed.orElse(ServerMetrics.StatementKind.QUERY), nanos, state);
        }
      }
    }
  }

  /** A query returns rows; a metadata call is a Marble request; the rest are updates. */
  private static ServerMetrics.StatementKind kindOf(Object[] args, Object result) {
    if (args.length > 1 && args[1] instanceof String sql && sql.startsWith(RemoteProtocol.METADATA)) {
      return ServerMetrics.StatementKind.METADATA;
    }
    if (result instanceof Meta.ExecuteResult r && !r.resultSets.isEmpty() && r.resultSets.get(0).updateCount == -1) {
      return ServerMetrics.StatementKind.QUERY;
    }
    return ServerMetrics.StatementKind.UPDATE;
  }

  private static SQLException sqlException(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static String connectionId(Object[] args) {
    if (args == null || args.length == 0) {
      return null;
    }
    if (args[0] instanceof Meta.StatementHandle h) {
      return h.connectionId;
    }
    return args[0] instanceof Meta.ConnectionHandle ch ? ch.id : null;
  }
}
