package dev.marble.jdbc.remote;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * A remote Connection. Savepoints travel as SQL ({@code SAVEPOINT}, {@code ROLLBACK TO SAVEPOINT},
 * {@code RELEASE SAVEPOINT}), which Marble runs on the server connection as the JDBC calls would.
 */
final class RemoteConnectionHandler extends RemoteJdbc.Handler {
  private final Connection avatica;
  private final RemoteSettings settings;
  private DatabaseMetaData metaData;
  private int savepoints;

  RemoteConnectionHandler(Connection avatica, RemoteSettings settings) {
    super(avatica);
    this.avatica = avatica;
    this.settings = settings;
  }

  RemoteSettings settings() {
    return settings;
  }

  @Override
  Object handle(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "createStatement":
        return RemoteJdbc.statement((Statement) pass(method, args), this);
      case "prepareStatement":
        return prepare(method, args);
      case "getMetaData":
        avatica.getMetaData(); // fails as Avatica does on a closed connection
        if (metaData == null) {
          metaData = RemoteJdbc.metaData(this);
        }
        return metaData;
      case "setSavepoint":
        return savepoint(args == null ? null : (String) args[0]);
      case "rollback":
        if (args != null && args.length == 1) {
          run("ROLLBACK TO SAVEPOINT " + savepointName(args[0]));
          return null;
        }
        return pass(method, args);
      case "releaseSavepoint":
        run("RELEASE SAVEPOINT " + savepointName(args[0]));
        return null;
      case "isValid":
        return isValid((Integer) args[0]);
      case "abort":
        abort((Executor) args[0]);
        return null;
      default:
        return pass(method, args);
    }
  }

  private Object prepare(Method method, Object[] args) throws Throwable {
    String sql = (String) args[0];
    Class<?>[] types = method.getParameterTypes();
    PreparedStatement p;
    if (types.length == 2) {
      p = avatica.prepareStatement(KeyRequests.mark(sql, args[1]));
    } else {
      p = (PreparedStatement) pass(method, args);
    }
    return RemoteJdbc.prepared(p, this);
  }

  /** Runs a Marble request on its own statement; the statement closes with the returned result set. */
  ResultSet serverQuery(String request, Statement owner) throws SQLException {
    Statement helper = avatica.createStatement();
    try {
      ResultSet rs = helper.executeQuery(request);
      helper.closeOnCompletion();
      return RemoteJdbc.proxy(ResultSet.class, new RemoteJdbc.ResultSetHandler(rs, owner));
    } catch (SQLException | RuntimeException e) {
      helper.close();
      throw e;
    }
  }

  private void run(String sql) throws SQLException {
    try (Statement s = avatica.createStatement()) {
      s.execute(sql);
    }
  }

  private Savepoint savepoint(String name) throws SQLException {
    if (avatica.getAutoCommit()) {
      throw new SQLException("A savepoint needs a transaction: setAutoCommit(false) first", "3B001");
    }
    int id = ++savepoints;
    RemoteSavepoint sp = new RemoteSavepoint(id, name);
    run("SAVEPOINT " + sp.sqlName());
    return sp;
  }

  private String savepointName(Object savepoint) throws SQLException {
    if (savepoint instanceof RemoteSavepoint sp) {
      return sp.sqlName();
    }
    throw new SQLException("Not a savepoint of this connection: " + savepoint, "3B001");
  }

  /** Asks the server: a connection it expired or lost is not valid, whatever the client thinks. */
  private boolean isValid(int timeoutSeconds) throws SQLException {
    if (timeoutSeconds < 0) {
      throw new SQLException("isValid timeout must not be negative: " + timeoutSeconds, "HY000");
    }
    if (avatica.isClosed()) {
      return false;
    }
    try (Statement s = avatica.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery("VALUES 1")) {
        return rs.next();
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Closes in the background: closing tells the server, which rolls back and frees the locks. */
  private void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw new SQLException("abort needs an executor", "HY000");
    }
    executor.execute(() -> {
      try {
        avatica.close();
      } catch (SQLException | RuntimeException e) {
        // The server expires the connection anyway (idle timeout); nothing more to do here.
      }
    });
  }
}
