package dev.marble.jdbc.contract;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a contract test reaches a fresh database: in memory, in a directory, through a HikariCP pool,
 * or through a Marble server. Every contract runs against each, so the paths cannot drift apart.
 */
public abstract class Backend implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  public abstract Connection connect() throws SQLException;

  /**
   * A connection as {@code user} with {@code password}, for databases that have users. A pool
   * serves one set of credentials, so the pooled backend keeps a pool per user and password.
   */
  public abstract Connection connect(String user, String password) throws SQLException;

  /**
   * True when the connections are remote ones: the database then runs in a server, so what only an
   * embedded connection exposes (MarbleConnection's plan counters) is out of reach.
   */
  public boolean isRemote() {
    return false;
  }

  /** Closes everything the backend opened (the pool); the database itself closes with its last connection. */
  @Override
  public void close() {}

  public static Backend memory() {
    return new UrlBackend("jdbc:marble:mem:contract" + COUNTER.incrementAndGet());
  }

  public static Backend file(Path dir) {
    return new UrlBackend("jdbc:marble:" + dir.resolve("db" + COUNTER.incrementAndGet()));
  }

  /** A database reached through DriverManager with a URL. */
  private static final class UrlBackend extends Backend {
    private final String url;

    UrlBackend(String url) {
      this.url = url;
    }

    @Override
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection connect(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
      return url;
    }
  }

  /** A fresh database on the test JVM's shared Marble server, reached over jdbc:marble:remote://. */
  public static Backend remote() {
    String name = "contract" + COUNTER.incrementAndGet();
    return new Backend() {
      @Override
      public Connection connect() throws SQLException {
        return dev.marble.server.TestServer.admin(name);
      }

      @Override
      public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(dev.marble.server.TestServer.shared().url(name), user, password);
      }

      @Override
      public boolean isRemote() {
        return true;
      }

      @Override
      public String toString() {
        return dev.marble.server.TestServer.shared().url(name);
      }
    };
  }

  public static Backend pooled(Path dir) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:marble:" + dir.resolve("pooled" + COUNTER.incrementAndGet()));
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setPoolName("contract" + COUNTER.get());
    HikariDataSource pool = new HikariDataSource(config);
    java.util.Map<String, HikariDataSource> userPools = new java.util.HashMap<>();
    return new Backend() {
      @Override
      public Connection connect() throws SQLException {
        return pool.getConnection();
      }

      @Override
      public Connection connect(String user, String password) throws SQLException {
        HikariDataSource userPool = userPools.get(user + "\u0000" + password);
        if (userPool == null) {
          HikariConfig c = new HikariConfig();
          c.setJdbcUrl(config.getJdbcUrl());
          c.setUsername(user);
          c.setPassword(password);
          c.setMaximumPoolSize(2);
          c.setMinimumIdle(1);
          c.setPoolName(config.getPoolName() + "-" + user);
          try {
            userPool = new HikariDataSource(c);
          } catch (RuntimeException e) { // the pool could not open its first connection
            if (e.getCause() instanceof SQLException s) {
              throw s;
            }
            throw e;
          }
          userPools.put(user + "\u0000" + password, userPool);
        }
        return userPool.getConnection();
      }

      @Override
      public void close() {
        userPools.values().forEach(HikariDataSource::close);
        pool.close();
      }

      @Override
      public String toString() {
        return config.getJdbcUrl() + " (HikariCP)";
      }
    };
  }
}
