package dev.marble.jdbc.remote;

import dev.marble.jdbc.JdbcSavepoint;
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
 * Connection properties (auto-commit, isolation, schema...) are set on the server at once and read
 * from it ({@link RemoteProtocol#SESSION}); the last answer is reused until a statement runs, since
 * only SQL (SET SCHEMA, COMMIT...) changes them behind the client's back.
 */
final class RemoteConnectionHandler extends RemoteJdbc.Handler {
  private final Connection avatica;
  private final RemoteSettings settings;
  private DatabaseMetaData metaData;
  private int savepoints;
  /** The statement that carries this connection's short requests; created on first use. */
  private Statement requests;
  private volatile SessionState session;

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
        sessionMayHaveChanged();
        return pass(method, args);
      case "releaseSavepoint":
        run("RELEASE SAVEPOINT " + savepointName(args[0]));
        return null;
      case "isValid":
        return isValid((Integer) args[0]);
      case "abort":
        abort((Executor) args[0]);
        return null;
      case "setAutoCommit":
        return setSession(SessionState.AUTO_COMMIT, args[0]);
      case "setReadOnly":
        return setSession(SessionState.READ_ONLY, args[0]);
      case "setTransactionIsolation":
        return setSession(SessionState.ISOLATION, args[0]);
      case "setCatalog":
        return setSession(SessionState.CATALOG, args[0]);
      case "setSchema":
        return setSession(SessionState.SCHEMA, args[0]);
      case "getAutoCommit":
        return session().get(SessionState.AUTO_COMMIT);
      case "isReadOnly":
        return session().get(SessionState.READ_ONLY);
      case "getTransactionIsolation":
        return session().get(SessionState.ISOLATION);
      case "getCatalog":
        return session().get(SessionState.CATALOG);
      case "getSchema":
        return session().get(SessionState.SCHEMA);
      case "commit":
        sessionMayHaveChanged();
        return pass(method, args);
      default:
        return pass(method, args);
    }
  }

  /** Sets a property on the server; setting the value it has is a no-op there too, and costs no call. */
  private Object setSession(String property, Object value) throws SQLException {
    checkOpen();
    SessionState known = session;
    if (known == null || !java.util.Objects.equals(known.get(property), value)) {
      session = SessionState.parse(request(SessionState.request(property, value)));
    }
    return null;
  }

  private SessionState session() throws SQLException {
    checkOpen();
    SessionState s = session;
    if (s == null) {
      s = SessionState.parse(request(SessionState.request(null, null)));
      session = s;
    }
    return s;
  }

  /** A statement ran: SQL may have changed the connection's properties. */
  void sessionMayHaveChanged() {
    session = null;
  }

  private void checkOpen() throws SQLException {
    if (avatica.isClosed()) {
      throw new SQLException("Connection is closed", "08003");
    }
  }

  /** Runs a Marble request that answers one value, on this connection's request statement. */
  synchronized String request(String text) throws SQLException {
    if (requests == null || requests.isClosed()) {
      requests = avatica.createStatement();
    }
    try (ResultSet rs = requests.executeQuery(text)) {
      if (!rs.next()) {
        throw new SQLException("The server gave no answer to " + text, "XX000");
      }
      return rs.getString(1);
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
      return RemoteJdbc.proxy(ResultSet.class, new RemoteResultSetHandler(rs, owner));
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
    if ((Boolean) session().get(SessionState.AUTO_COMMIT)) {
      throw new SQLException("A savepoint needs a transaction: setAutoCommit(false) first", "3B001");
    }
    JdbcSavepoint sp = new JdbcSavepoint(++savepoints, name);
    run("SAVEPOINT " + savepointName(sp));
    return sp;
  }

  /** The SQL savepoint behind a JDBC one: a quoted name unique per connection, whatever the application chose. */
  private String savepointName(Object savepoint) throws SQLException {
    if (savepoint instanceof JdbcSavepoint sp) {
      String base = "SP" + sp.id() + (sp.name() == null ? "" : "_" + sp.name());
      return '"' + base.replace("\"", "\"\"") + '"';
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
