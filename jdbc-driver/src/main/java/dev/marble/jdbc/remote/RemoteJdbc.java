package dev.marble.jdbc.remote;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The JDBC objects of a remote connection: dynamic proxies over Avatica's, which pass every call
 * through except the few that Avatica cannot do as Marble does (generated keys, metadata,
 * savepoints, {@code isValid}, {@code abort}) and turn every error into the SQLException the
 * embedded driver would throw ({@link RemoteErrors}).
 *
 * <p>Proxies rather than hand-written delegates: Connection, Statement, PreparedStatement and
 * ResultSet have some 400 methods between them, of which these classes change a dozen.
 */
final class RemoteJdbc {
  private RemoteJdbc() {}

  static Connection connection(Connection avatica, RemoteSettings settings) {
    return proxy(Connection.class, new RemoteConnectionHandler(avatica, settings));
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> iface, Handler handler) {
    T p = (T) Proxy.newProxyInstance(RemoteJdbc.class.getClassLoader(), new Class<?>[] {iface}, handler);
    handler.self = p;
    return p;
  }

  /** Base of the proxies: Object's methods, unwrap, and the translation of errors. */
  abstract static class Handler implements InvocationHandler {
    final Object target;
    Object self;

    Handler(Object target) {
      this.target = target;
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          return args.length == 1 && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return getClass().getSimpleName() + "[" + target + "]";
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          break;
        case "isWrapperFor":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return true;
          }
          break;
        default:
          break;
      }
      try {
        return handle(method, args);
      } catch (InvocationTargetException e) {
        throw translate(method, e.getCause());
      } catch (SQLException | RuntimeException e) {
        throw translate(method, e);
      }
    }

    abstract Object handle(Method method, Object[] args) throws Throwable;

    final Object pass(Method method, Object[] args) throws Throwable {
      return method.invoke(target, args);
    }

    private static Throwable translate(Method method, Throwable e) {
      if (!declaresSqlException(method)) {
        return e;
      }
      SQLException s = RemoteErrors.translate(e);
      if (method.getName().startsWith("executeBatch") || method.getName().startsWith("executeLargeBatch")) {
        return new BatchUpdateException(s.getMessage(), s.getSQLState(), s.getErrorCode(), new long[0], s);
      }
      return s;
    }

    private static boolean declaresSqlException(Method method) {
      for (Class<?> t : method.getExceptionTypes()) {
        if (t.isAssignableFrom(SQLException.class)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Statement and PreparedStatement: generated keys by way of the server, results wrapped. */
  static final class StatementHandler extends Handler {
    private final RemoteConnectionHandler connection;

    StatementHandler(Statement target, RemoteConnectionHandler connection) {
      super(target);
      this.connection = connection;
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
      String name = method.getName();
      Class<?>[] types = method.getParameterTypes();
      if (types.length == 2 && types[0] == String.class && name.startsWith("execute")) {
        String sql = KeyRequests.mark((String) args[0], args[1]);
        return Statement.class.getMethod(name, String.class).invoke(target, sql);
      }
      switch (name) {
        case "getConnection":
          return connection.self;
        case "getGeneratedKeys":
          int id = ((Statement) target).unwrap(AvaticaStatement.class).getId();
          return connection.serverQuery(RemoteProtocol.GENERATED_KEYS + id, (Statement) self);
        case "executeQuery":
        case "getResultSet":
          ResultSet rs = (ResultSet) pass(method, args);
          return rs == null ? null : proxy(ResultSet.class, new ResultSetHandler(rs, (Statement) self));
        default:
          return pass(method, args);
      }
    }
  }

  /** ResultSet: getStatement answers the proxy, errors during fetches are translated. */
  static final class ResultSetHandler extends Handler {
    private final Statement statement;

    ResultSetHandler(ResultSet target, Statement statement) {
      super(target);
      this.statement = statement;
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
      if (method.getName().equals("getStatement")) {
        return statement;
      }
      return pass(method, args);
    }
  }

  static Statement statement(Statement avatica, RemoteConnectionHandler connection) {
    return proxy(Statement.class, new StatementHandler(avatica, connection));
  }

  static PreparedStatement prepared(PreparedStatement avatica, RemoteConnectionHandler connection) {
    return proxy(PreparedStatement.class, new StatementHandler(avatica, connection));
  }

  static DatabaseMetaData metaData(RemoteConnectionHandler connection) {
    return proxy(DatabaseMetaData.class, new RemoteMetaDataHandler(connection));
  }
}
