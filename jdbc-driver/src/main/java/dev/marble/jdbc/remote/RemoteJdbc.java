package dev.marble.jdbc.remote;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

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
      // A BatchUpdateException was made by RemoteStatementHandler, with the counts from the server.
      return e instanceof BatchUpdateException ? e : RemoteErrors.translate(e);
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

  static Statement statement(Statement avatica, RemoteConnectionHandler connection) {
    return proxy(Statement.class, new RemoteStatementHandler(avatica, connection));
  }

  static PreparedStatement prepared(PreparedStatement avatica, RemoteConnectionHandler connection) {
    return proxy(PreparedStatement.class, new RemoteStatementHandler(avatica, connection));
  }

  static DatabaseMetaData metaData(RemoteConnectionHandler connection) {
    return proxy(DatabaseMetaData.class, new RemoteMetaDataHandler(connection));
  }
}
