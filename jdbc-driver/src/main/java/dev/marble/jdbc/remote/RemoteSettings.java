package dev.marble.jdbc.remote;

import dev.marble.jdbc.UrlSettings;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:marble:remote://host:port/<database>} URL with its settings ({@code ;key=value}
 * after the URL, or Properties). As for embedded URLs, an unknown key is an error that lists the
 * known ones.
 */
final class RemoteSettings {
  static final String PREFIX = "jdbc:marble:remote:";
  private static final Pattern LOCATION =
      Pattern.compile("//(\\[[^\\]]+\\]|[^:/;\\[]+)(?::(\\d{1,5}))?/([^/;]+)");
  static final int DEFAULT_PORT = 8765;

  /** Known settings; those marked {@link #FORWARDED} go to the server with the connection request. */
  static final Map<String, String> KNOWN = new LinkedHashMap<>();
  static final java.util.Set<String> FORWARDED = java.util.Set.of("user", "password", "schema", "lock_timeout");

  static {
    KNOWN.put("user", "user name on the server");
    KNOWN.put("password", "password of the user");
    KNOWN.put("schema", "initial schema of the connection (default PUBLIC)");
    KNOWN.put("lock_timeout", "milliseconds a statement waits for a row another transaction locked (default 10000)");
    KNOWN.put("tls", "true: connect with HTTPS (the server was started with --tls-keystore); false (default): HTTP");
    KNOWN.put("truststore", "with tls=true: a keystore file holding the certificate to trust (default: the JVM's)");
    KNOWN.put("truststore_password", "password of the truststore");
    KNOWN.put("hostname_verification", "with tls=true: STRICT (default) or NONE (only for testing)");
    KNOWN.put("connect_timeout", "milliseconds to wait for the server to accept a connection (default 10000)");
    KNOWN.put("response_timeout", "milliseconds to wait for the server to answer a call (default 0: no limit)");
  }

  final String url;
  final String host;
  final int port;
  final String database;
  final Map<String, String> values;

  private RemoteSettings(String url, String host, int port, String database, Map<String, String> values) {
    this.url = url;
    this.host = host;
    this.port = port;
    this.database = database;
    this.values = values;
  }

  static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  static RemoteSettings parse(String given, Properties info) throws SQLException {
    String url = UrlSettings.withoutPassword(given);
    String[] parts = given.substring(PREFIX.length()).split(";");
    Matcher m = LOCATION.matcher(parts[0].trim());
    if (!m.matches()) {
      throw new SQLException("Remote URL " + url + " must look like jdbc:marble:remote://host:port/database",
          "08001");
    }
    Map<String, String> values = UrlSettings.parse(url, parts, info, KNOWN.keySet());
    int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new SQLException("Port " + port + " in " + url + " is not a TCP port", "08001");
    }
    return new RemoteSettings(url, m.group(1), port, m.group(3), values);
  }

  boolean tls() throws SQLException {
    String v = values.getOrDefault("tls", "false");
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new SQLException("Setting tls must be true or false, not '" + v + "'", "08001");
    }
    return Boolean.parseBoolean(v);
  }

  /** The server's address as Avatica's HTTP client wants it. */
  String endpoint() throws SQLException {
    return (tls() ? "https://" : "http://") + host + ":" + port + "/";
  }

  long millis(String key, long fallback) throws SQLException {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      long millis = Long.parseLong(v);
      if (millis >= 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException("Setting " + key + " must be a whole number of milliseconds (0 or more), not '" + v + "'",
        "08001");
  }

  static DriverPropertyInfo[] propertyInfo(Properties info) {
    return KNOWN.entrySet().stream().map(e -> {
      DriverPropertyInfo p = new DriverPropertyInfo(e.getKey(), info == null ? null : info.getProperty(e.getKey()));
      p.description = e.getValue();
      if (e.getKey().equals("tls")) {
        p.choices = new String[] {"true", "false"};
      }
      return p;
    }).toArray(DriverPropertyInfo[]::new);
  }
}
