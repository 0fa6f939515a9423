package dev.marble.jdbc;

import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:marble:} URL and its settings. Forms: {@code jdbc:marble:<path>} (a database
 * directory, relative to the working directory or absolute), {@code jdbc:marble:mem:<name>} (in
 * memory, shared by the connections that use the same name) and {@code jdbc:marble:remote://...}
 * (server mode, parsed by {@code remote.RemoteSettings} instead). Settings follow as {@code ;key=value} or come as Properties; an unknown key is an
 * error that lists the known ones, so a typo never passes silently.
 */
final class ConnectionSettings {
  static final String PREFIX = "jdbc:marble:";
  private static final String MEM = "mem:";

  /** Known settings and what they do (also the text of getPropertyInfo). */
  static final Map<String, String> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("create", "true (default): create the database if it does not exist; false: fail instead");
    KNOWN.put("user", "user name (checked once the database has users)");
    KNOWN.put("password", "password of the user");
    KNOWN.put("schema", "initial schema of the connection (default PUBLIC)");
    KNOWN.put("sync", "full (default): a commit returns once it is on disk; normal: the log is forced every few "
        + "milliseconds (a power loss may drop the last commits); off: forced at checkpoints only");
    KNOWN.put("lock_timeout", "milliseconds a statement waits for a row another transaction locked (default 10000)");
    KNOWN.put("keep_open", "mem: databases only. false (default): the database is gone with its last connection; "
        + "true: it stays in memory until the JVM exits, like H2's DB_CLOSE_DELAY=-1");
  }

  final String url;
  final Path path;
  final String memoryName;
  final Map<String, String> values;

  private ConnectionSettings(String url, Path path, String memoryName, Map<String, String> values) {
    this.url = url;
    this.path = path;
    this.memoryName = memoryName;
    this.values = values;
  }

  static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * @param given the URL as the application gave it; a password in it ({@code ;password=...}) is
   *     kept out of every message and of {@link #url}
   */
  static ConnectionSettings parse(String given, Properties info) throws SQLException {
    String url = UrlSettings.withoutPassword(given);
    String rest = given.substring(PREFIX.length());
    String[] parts = rest.split(";");
    String location = parts[0].trim();
    Map<String, String> values = UrlSettings.parse(url, parts, info, KNOWN.keySet());
    if (location.regionMatches(true, 0, MEM, 0, MEM.length())) {
      String name = location.substring(MEM.length());
      if (name.isEmpty()) {
        throw new SQLException("In-memory URL " + url + " needs a name: jdbc:marble:mem:<name>", "08001");
      }
      return new ConnectionSettings(url, null, name, values);
    }
    if (location.isEmpty()) {
      throw new SQLException("URL " + url + " names no database; use jdbc:marble:<directory> or "
          + "jdbc:marble:mem:<name>", "08001");
    }
    try {
      return new ConnectionSettings(url, Path.of(location), null, values);
    } catch (java.nio.file.InvalidPathException e) {
      throw new SQLException("Invalid database path in " + url + ": " + e.getMessage(), "08001", e);
    }
  }

  /** The URL with the value of a {@code password} setting replaced by {@code ***}. */
  boolean create() throws SQLException {
    String v = values.getOrDefault("create", "true");
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new SQLException("Setting create must be true or false, not '" + v + "'", "08001");
    }
    return Boolean.parseBoolean(v);
  }

  /**
   * Whether a {@code mem:} database outlives its last connection. Tools that open and close
   * connections as they go (Flyway, a pool that shrinks) would otherwise lose it between two steps.
   */
  boolean keepOpen() throws SQLException {
    String v = values.getOrDefault("keep_open", "false");
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new SQLException("Setting keep_open must be true or false, not '" + v + "'", "08001");
    }
    boolean keep = Boolean.parseBoolean(v);
    if (keep && memoryName == null) {
      throw new SQLException("Setting keep_open applies to jdbc:marble:mem: databases only; " + url
          + " is stored on disk and outlives its connections anyway", "08001");
    }
    return keep;
  }

  String user() {
    return values.getOrDefault("user", "");
  }

  /** The password, or null when none was given. */
  String password() {
    return values.get("password");
  }

  String schema() {
    return values.get("schema");
  }

  dev.marble.storage.RedoLog.Sync sync() throws SQLException {
    String v = values.getOrDefault("sync", "full");
    try {
      return dev.marble.storage.RedoLog.Sync.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SQLException("Setting sync must be full, normal or off, not '" + v + "'", "08001");
    }
  }

  long lockTimeoutMillis() throws SQLException {
    String v = values.get("lock_timeout");
    if (v == null) {
      return dev.marble.sql.Session.DEFAULT_LOCK_TIMEOUT_MILLIS;
    }
    try {
      long millis = Long.parseLong(v);
      if (millis >= 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException("Setting lock_timeout must be a whole number of milliseconds (0 or more), not '" + v + "'",
        "08001");
  }

  static DriverPropertyInfo[] propertyInfo(Properties info) {
    return KNOWN.entrySet().stream().map(e -> {
      DriverPropertyInfo p = new DriverPropertyInfo(e.getKey(), info == null ? null : info.getProperty(e.getKey()));
      p.description = e.getValue();
      p.required = false;
      if (e.getKey().equals("create") || e.getKey().equals("keep_open")) {
        p.choices = new String[] {"true", "false"};
      }
      return p;
    }).toArray(DriverPropertyInfo[]::new);
  }
}
