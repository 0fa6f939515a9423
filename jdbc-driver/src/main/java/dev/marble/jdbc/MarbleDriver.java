package dev.marble.jdbc;

import dev.marble.jdbc.remote.RemoteConnector;
import dev.marble.sql.Authentication;
import dev.marble.sql.Session;
import dev.marble.sql.SqlEngine;
import dev.marble.storage.Database;
import dev.marble.storage.DatabaseRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Marble's JDBC driver, for {@code jdbc:marble:} URLs (see {@link ConnectionSettings}). Registered
 * with DriverManager when loaded, and through {@code META-INF/services/java.sql.Driver}.
 */
public final class MarbleDriver implements Driver {
  /** Marble's version, e.g. "0.1.0", from the build. */
  public static final String VERSION = readVersion();

  static {
    // Before any Chronicle class loads: no usage data leaves the machine, no banner in the user's log.
    defaultProperty("chronicle.analytics.disable", "true");
    defaultProperty("chronicle.announcer.disable", "true");
    try {
      DriverManager.registerDriver(new MarbleDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (RemoteConnector.accepts(url)) {
      // Before the flag check and anything that loads the engine: a remote client needs neither.
      return RemoteConnector.connect(url, info);
    }
    ConnectionSettings settings = ConnectionSettings.parse(url, info);
    long lockTimeout = settings.lockTimeoutMillis();
    boolean keepOpen = settings.keepOpen();
    JvmFlags.check();
    Database database;
    try {
      database = settings.memoryName != null
          ? DatabaseRegistry.acquireInMemory(settings.memoryName, keepOpen)
          : DatabaseRegistry.acquire(settings.path, settings.create(), settings.sync());
    } catch (RuntimeException e) {
      throw SqlExceptions.of(e);
    }
    Session session;
    try {
      session = Authentication.open(database, settings.user(), settings.password());
    } catch (RuntimeException e) {
      if (DatabaseRegistry.release(database)) {
        SqlEngine.release(database);
      }
      throw SqlExceptions.of(e);
    }
    session.setLockTimeout(lockTimeout);
    MarbleConnection connection = new MarbleConnection(settings, database, session);
    if (settings.schema() != null) {
      connection.setSchema(settings.schema());
    }
    return connection;
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionSettings.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    if (RemoteConnector.accepts(url)) {
      return RemoteConnector.propertyInfo(info);
    }
    return ConnectionSettings.propertyInfo(info);
  }

  @Override
  public int getMajorVersion() {
    return versionPart(0);
  }

  @Override
  public int getMinorVersion() {
    return versionPart(1);
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Marble logs through SLF4J, not java.util.logging");
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  static int versionPart(int index) {
    String[] parts = VERSION.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = MarbleDriver.class.getResourceAsStream("marble-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    return p.getProperty("version", "0.0.0");
  }
}
