package dev.marble.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server-side connection that reports its close, whoever closes it: the client, the idle expiry
 * of JdbcMeta's cache, or the server stopping. Closing the embedded connection rolls back its
 * transaction and frees its locks, which is what makes a vanished client harmless.
 */
final class TrackedConnection {
  private TrackedConnection() {}

  static Connection wrap(Connection c, String database, ServerMetrics metrics) {
    metrics.connectionOpened(database);
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(TrackedConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
            metrics.connectionClosed(database);
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
