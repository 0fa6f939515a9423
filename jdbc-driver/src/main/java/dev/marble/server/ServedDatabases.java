package dev.marble.server;

import dev.marble.jdbc.MarbleDriver;
import dev.marble.storage.Database;
import dev.marble.storage.DatabaseRegistry;
import dev.marble.storage.RedoLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases a server serves: each a folder under the server's directory, named by the last part
 * of the client's URL, created on first use. The first use in a server's life also makes sure the
 * database has users (an admin, {@code ADMIN}, with the server's admin password), so no database is
 * ever served to the network without passwords, and keeps the database open until the server
 * stops (opening one takes far longer than a connection).
 */
final class ServedDatabases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedDatabases.class);
  /** A plain name: no separators, no dots, so no URL can reach outside the server's directory. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");
  static final String ADMIN = "ADMIN";

  private final Path dir;
  private final String adminPassword;
  private final RedoLog.Sync sync;
  private final MarbleDriver driver = new MarbleDriver();
  private final Map<String, Database> open = new ConcurrentHashMap<>();
  private final ServerMetrics metrics;

  ServedDatabases(Path dir, String adminPassword, RedoLog.Sync sync, ServerMetrics metrics) {
    this.dir = dir;
    this.adminPassword = adminPassword;
    this.sync = sync;
    this.metrics = metrics;
  }

  /** The embedded URL of database {@code name}; validates the name, opens the database the first time. */
  String url(String name) throws SQLException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SQLException("Invalid database name '" + name + "': use letters, digits, _ and - (at most 63)",
          "08001");
    }
    String url = "jdbc:marble:" + dir.resolve(name);
    if (!open.containsKey(name)) {
      synchronized (this) {
        if (!open.containsKey(name)) {
          serve(name, url);
        }
      }
    }
    return url;
  }

  Connection connect(String name, Properties info) throws SQLException {
    return driver.connect(url(name), info);
  }

  private void serve(String name, String url) throws SQLException {
    Database database;
    try {
      database = DatabaseRegistry.acquire(dir.resolve(name), true, sync);
    } catch (RuntimeException e) {
      throw dev.marble.jdbc.SqlExceptions.of(e);
    }
    try {
      ensureAdmin(name, url);
    } catch (SQLException | RuntimeException e) {
      DatabaseRegistry.release(database);
      throw e;
    }
    open.put(name, database);
    metrics.bindDatabase(name, database);
    LOG.info("Serving database {} from {}", name, dir.resolve(name));
  }

  /**
   * A database without users gets the admin user. One whose users exist keeps them; if the server's
   * admin password is not the password of its admin, the database's own passwords rule.
   */
  private void ensureAdmin(String name, String url) throws SQLException {
    Properties admin = new Properties();
    admin.setProperty("user", ADMIN);
    admin.setProperty("password", adminPassword);
    Connection c;
    try {
      c = driver.connect(url, admin);
    } catch (SQLException e) {
      if ("28000".equals(e.getSQLState())) {
        LOG.warn("Database {} has users and its ADMIN password is not the server's; its own passwords apply", name);
        return;
      }
      throw e;
    }
    try (c; Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        s.execute("CREATE USER " + ADMIN + " PASSWORD '" + adminPassword.replace("'", "''") + "' ADMIN");
        LOG.info("Database {} had no users: created user {} with the server's admin password", name, ADMIN);
      }
    }
  }

  @Override
  public synchronized void close() {
    for (Map.Entry<String, Database> e : open.entrySet()) {
      metrics.unbindDatabase(e.getKey());
      DatabaseRegistry.release(e.getValue());
    }
    open.clear();
  }
}
