package dev.marble.jdbc.remote;

import dev.marble.jdbc.MarbleDriver;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DatabaseMetaData of a remote connection: each call runs on the server connection's own
 * DatabaseMetaData (see {@link RemoteProtocol#METADATA}), so remote tools see exactly what embedded
 * ones do, primary keys, indexes and foreign keys included. Answers other than result sets do not
 * change while a connection lives and are cached, since tools ask for them again and again.
 */
final class RemoteMetaDataHandler extends RemoteJdbc.Handler {
  private final RemoteConnectionHandler connection;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  RemoteMetaDataHandler(RemoteConnectionHandler connection) {
    super(connection.target);
    this.connection = connection;
  }

  @Override
  Object handle(Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getConnection":
        return connection.self;
      case "getURL":
        return connection.settings().url;
      case "getDriverVersion":
        return MarbleDriver.VERSION;
      case "getDriverMajorVersion":
        return new MarbleDriver().getMajorVersion();
      case "getDriverMinorVersion":
        return new MarbleDriver().getMinorVersion();
      default:
        break;
    }
    String call = RemoteProtocol.metadataCall(method, args);
    if (method.getReturnType() == ResultSet.class) {
      return connection.serverQuery(call, null);
    }
    String key = method.getName() + Arrays.deepToString(args);
    Object cached = cache.get(key);
    if (cached == null) {
      cached = value(method, call);
      if (cached != null) {
        cache.put(key, cached);
      }
    }
    return cached;
  }

  private Object value(Method method, String call) throws SQLException {
    String text;
    try (ResultSet rs = connection.serverQuery(call, null)) {
      if (!rs.next()) {
        throw new SQLException("The server gave no answer to DatabaseMetaData." + method.getName(), "XX000");
      }
      text = rs.getString(1);
    }
    Class<?> type = method.getReturnType();
    if (text == null) {
      return null;
    }
    if (type == boolean.class) {
      return Boolean.parseBoolean(text);
    }
    if (type == int.class) {
      return Integer.parseInt(text);
    }
    if (type == long.class) {
      return Long.parseLong(text);
    }
    if (type == RowIdLifetime.class) {
      return RowIdLifetime.valueOf(text);
    }
    return text;
  }
}
