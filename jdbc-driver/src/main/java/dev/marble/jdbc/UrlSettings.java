package dev.marble.jdbc;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The settings of a {@code jdbc:marble:} URL, embedded or remote: Properties first, then the URL's
 * {@code ;key=value} parts, which win. Keys are case-insensitive; an unknown one is an error that
 * lists the known ones, so a typo never passes silently.
 */
public final class UrlSettings {
  private UrlSettings() {}

  /**
   * @param url the URL for messages, password already masked ({@link #withoutPassword})
   * @param parts the URL split at {@code ;}; {@code parts[0]} is the location and is skipped
   */
  public static Map<String, String> parse(String url, String[] parts, Properties info, Set<String> known)
      throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        put(values, key, info.getProperty(key), url, known);
      }
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isBlank()) {
        continue;
      }
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new SQLException("Setting '" + parts[i] + "' in " + url + " needs a value (key=value)", "08001");
      }
      put(values, parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim(), url, known);
    }
    return values;
  }

  /** {@code url} with the value of a {@code ;password=} setting masked, for messages. */
  public static String withoutPassword(String url) {
    String[] parts = url.split(";", -1);
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("password")) {
        parts[i] = parts[i].substring(0, eq + 1) + "***";
      }
    }
    return String.join(";", parts);
  }

  private static void put(Map<String, String> values, String key, String value, String url, Set<String> known)
      throws SQLException {
    String k = key.toLowerCase(Locale.ROOT);
    if (!known.contains(k)) {
      throw new SQLException("Unknown setting '" + key + "' for " + url + "; known settings: "
          + String.join(", ", known), "08001");
    }
    values.put(k, value);
  }
}
